#!/usr/bin/env python3
"""ETL benchmark orchestrator (run it through bench/run.sh).

One run: generate a synthetic extract through the simulator (streamed to disk), start a normally configured
PostgreSQL 15, then per repetition: the ETL jar --once into PostgreSQL, psql \\copy of the same unzipped CSVs into
identical typed tables, the ETL jar --once into DuckDB, DuckDB read_csv of the same CSVs into identical tables.
Reports medians, writes bench/results/<timestamp>.json.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import zipfile

PGBIN_CANDIDATES = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]
MIX = [  # share of --rows per table: one table >= 1M rows at the default 2M
    ("activities_admin_activities", 0.60),
    ("issues_issues", 0.20),
    ("rfis_rfis", 0.10),
    ("admin_users", 0.05),
    ("admin_projects", 0.025),
    ("admin_companies", 0.025),
]
TOKEN = "bench-token"
ACCOUNT = "f9abf4c8-1f51-4b26-a6b7-6ac0639cb138"
SCHEMA = "dataconnector"


def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def as_postgres(cmd):
    return ["runuser", "-u", "postgres", "--"] + cmd if os.geteuid() == 0 else cmd


# ---------------------------------------------------------------- PostgreSQL

class Postgres:
    def __init__(self, base, port):
        self.dir = os.path.join(base, "pg")
        self.sock = os.path.join(base, "pgsock")
        self.port = port
        self.bin = next((b for b in PGBIN_CANDIDATES if os.path.exists(os.path.join(b, "initdb"))), None)

    def ensure_installed(self):
        if self.bin:
            return
        if os.geteuid() != 0:
            sys.exit("PostgreSQL binaries not found; install the Debian package `postgresql`")
        log("apt-get install postgresql ...")
        run(["apt-get", "install", "-y", "-q", "postgresql"], stdout=subprocess.DEVNULL)
        self.bin = next(b for b in PGBIN_CANDIDATES if os.path.exists(os.path.join(b, "initdb")))

    def start(self):
        self.ensure_installed()
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        os.makedirs(self.sock, exist_ok=True)
        if os.geteuid() == 0:  # Debian's initdb/pg_ctl refuse root
            run(["chown", "-R", "postgres:postgres", self.dir, self.sock])
            os.chmod(os.path.dirname(self.dir), 0o755)
        run(as_postgres([os.path.join(self.bin, "initdb"), "-D", self.dir, "-A", "trust", "-U", "postgres",
                         "-E", "UTF8", "--locale=C.UTF-8"]), stdout=subprocess.DEVNULL)
        # a normally configured server: initdb's defaults (fsync on, synchronous_commit on, shared_buffers 128MB)
        run(as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", self.dir, "-w", "-l",
                         os.path.join(self.dir, "server.log"), "-o",
                         f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.sock}",
                         "start"]), stdout=subprocess.DEVNULL)
        self.psql_sql("CREATE DATABASE bench", db="postgres")
        # Camel's JdbcMessageIdRepository (the ETL's completed-job repository) fails to create its table on a fresh
        # PostgreSQL database (its existence probe aborts the transaction the CREATE then runs in): pre-create it
        self.psql_sql("CREATE TABLE IF NOT EXISTS camel_messageprocessed (processorName VARCHAR(255), "
                      "messageId VARCHAR(100), createdAt TIMESTAMP, PRIMARY KEY (processorName, messageId))")
        settings = self.psql_sql("SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name IN "
                                 "('fsync','synchronous_commit','shared_buffers','max_wal_size','wal_level',"
                                 "'server_version')", capture=True)
        return settings.strip()

    def stop(self):
        if self.bin and os.path.exists(os.path.join(self.dir, "postmaster.pid")):
            subprocess.run(as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", self.dir, "-m", "fast", "-w",
                                        "stop"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def psql_args(self, db="bench"):
        return ["psql", "-X", "-q", "-A", "-t", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
                "-v", "ON_ERROR_STOP=1"]

    def psql_sql(self, sql, db="bench", capture=False):
        r = run(self.psql_args(db) + ["-c", sql], stdout=subprocess.PIPE, text=True,
                env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))
        return r.stdout if capture else None

    def jdbc_url(self):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/bench"


# ---------------------------------------------------------------- the ETL application

def parse_summary(stdout):
    tables = {}
    for line in stdout.splitlines():
        m = re.match(r"^\S{36}\s+(\S+)\s+(\d+)\s+([\d.]+)\s+(\S.*)$", line)
        if m:
            tables[m.group(1)] = {"rows": int(m.group(2)), "seconds": float(m.group(3)), "status": m.group(4)}
    return tables


def run_etl(args, sim, warehouse_props, workdir, tag):
    shutil.rmtree(workdir, ignore_errors=True)
    agent_out = os.path.join(args.base, f"agent-{tag}.json")
    if os.path.exists(agent_out):
        os.remove(agent_out)
    cmd = ["java", f"-Xmx{args.xmx}", f"-javaagent:{args.agent}=out={agent_out},watch={workdir}"]
    props = {
        "camel.component.dataconnector.base-url": sim["base"],
        "camel.component.dataconnector.account-id": sim["account"],
        "camel.component.dataconnector.access-token": TOKEN,
        "etl.work-dir": workdir,
        "warehouse.schema": SCHEMA,
        # run-once should not start the scheduled consumer route; in the shaded jar it does (the exclude pattern
        # does not match there), and it then loads the same job concurrently: keep its cron in the far future
        "etl.cron": "0 0 0 1 1 ? 2099",
    }
    props.update(warehouse_props)
    cmd += [f"-D{k}={v}" for k, v in props.items()]
    cmd += args.jvm_opt
    cmd += ["-jar", args.etl_jar, "--once"]
    t0 = time.time()
    p = subprocess.run(cmd, cwd=args.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.time() - t0
    with open(os.path.join(args.base, f"etl-{tag}.log"), "w") as f:
        f.write(p.stdout + "\n--- stderr ---\n" + p.stderr)
    if p.returncode != 0:
        sys.exit(f"ETL run {tag} failed (exit {p.returncode}); see {args.base}/etl-{tag}.log\n{p.stdout[-3000:]}")
    agent = json.load(open(agent_out))
    tables = parse_summary(p.stdout)
    rows = sum(t["rows"] for t in tables.values())
    # timeline: Camel started (log) -> [poll, listing] -> download file grows -> entries appear -> zip deleted -> exit
    files = agent["files"]
    zipf = next((v for k, v in files.items() if k.endswith("download-autodesk_data_extract.zip")), None)
    entries = [v for k, v in files.items() if "/entry-" in k]
    started = camel_started_ms(p.stderr, agent["jvmStartMs"])
    end = agent["exitMs"]
    stages = {}
    if zipf:
        # the ZIP grows while downloading; it is deleted when every entry is unpacked (and, since the entries are
        # loaded as they are unpacked, loaded): download | unpack+parse+load | record, stop
        stages["poll_to_download_s"] = (zipf["first"] - started) / 1000 if started else None
        stages["download_s"] = (zipf["lastGrow"] - zipf["first"]) / 1000
        stages["unzip_parse_load_s"] = (zipf["lastSeen"] - zipf["lastGrow"]) / 1000
        stages["after_zip_deleted_to_exit_s"] = (end - zipf["lastSeen"]) / 1000
    stages["load_per_table_s"] = {t: v["seconds"] for t, v in tables.items()}
    etl_s = (end - started) / 1000 if started else wall
    largest_entry = max((e["maxSize"] for e in entries), default=0)
    return {
        "rows": rows, "etl_seconds": etl_s, "process_wall_seconds": wall, "rows_per_s": rows / etl_s,
        "rows_per_s_process_wall": rows / wall, "stages": stages,
        "peak_heap_sampled_mb": agent["peakHeapSampledBytes"] / 2**20,
        "heap_pool_peaks_sum_mb": agent["heapPoolPeaksSumBytes"] / 2**20,
        "heap_max_mb": agent["heapMaxBytes"] / 2**20,
        "peak_rss_mb": agent["vmHwmKb"] / 1024, "gc_count": agent["gcCount"], "gc_ms": agent["gcMillis"],
        "peak_workdir_mb": agent["peakWorkDirBytes"] / 2**20,
        "zip_mb": (zipf["maxSize"] if zipf else 0) / 2**20, "largest_entry_mb": largest_entry / 2**20,
        "tables": tables,
    }


def camel_started_ms(stderr, jvm_start_ms):
    m = re.search(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) .*Apache Camel \S+ \(\S+\) started in", stderr, re.M)
    if not m:
        return None
    day = datetime.datetime.fromtimestamp(jvm_start_ms / 1000)
    t = day.replace(hour=int(m.group(1)), minute=int(m.group(2)), second=int(m.group(3)),
                    microsecond=int(m.group(4)) * 1000)
    return t.timestamp() * 1000


# ---------------------------------------------------------------- baselines

def run_psql_copy(pg, csvdir, tables):
    pg.psql_sql("DROP SCHEMA IF EXISTS bench_psql CASCADE; CREATE SCHEMA bench_psql; "
                + " ".join(f'CREATE TABLE bench_psql."{t}" (LIKE {SCHEMA}."{t}");' for t in tables) + " CHECKPOINT;")
    per = {}
    total_rows = 0
    for t in tables:
        path = os.path.join(csvdir, t + ".csv")
        with open(path, encoding="utf-8") as f:
            header = f.readline().lstrip("\ufeff").strip()
        cols = ", ".join(f'"{c}"' for c in header.split(","))
        t0 = time.time()
        r = run(pg.psql_args() + ["-c", f"\\copy bench_psql.\"{t}\" ({cols}) FROM '{path}' WITH (FORMAT csv, HEADER true)"],
                stdout=subprocess.PIPE, text=True)
        sec = time.time() - t0
        n = int(pg.psql_sql(f'SELECT count(*) FROM bench_psql."{t}"', capture=True))
        per[t] = {"rows": n, "seconds": sec}
        total_rows += n
    total = sum(v["seconds"] for v in per.values())
    return {"rows": total_rows, "seconds": total, "rows_per_s": total_rows / total, "tables": per}


def run_duck_bulk(args, app_db, csvdir, tables):
    p = run(["java", "-cp", args.etl_jar, os.path.join(args.root, "bench", "src", "DuckBulk.java"), app_db,
             os.path.join(args.base, "bulk.duckdb"), csvdir, SCHEMA, str(args.duck_threads)] + tables,
            stdout=subprocess.PIPE, text=True)
    per = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            o = json.loads(line)
            per[o["table"]] = {"rows": o["rows"], "seconds": o["seconds"]}
    rows = sum(v["rows"] for v in per.values())
    total = sum(v["seconds"] for v in per.values())
    return {"rows": rows, "seconds": total, "rows_per_s": rows / total, "tables": per}


# ---------------------------------------------------------------- simulator

def start_simulator(args, table_rows, extract_dir):
    shutil.rmtree(extract_dir, ignore_errors=True)
    spec = ",".join(f"{t}={n}" for t, n in table_rows.items())
    out = open(os.path.join(args.base, "simulator.log"), "w+")
    p = subprocess.Popen(["java", "-Xmx1g", "-jar", args.sim_jar, "--port", "0", "--seed", "--instant-jobs",
                          "--access-token", TOKEN, "--signed-url-ttl", "3600", "--job-quota", "0",
                          "--table-rows", spec, "--extract-dir", extract_dir],
                         stdout=out, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    deadline = time.time() + 3600
    while time.time() < deadline:
        time.sleep(0.5)
        text = open(out.name).read()
        if p.poll() is not None:
            sys.exit("simulator exited:\n" + text)
        m = re.search(r"API base:\s+(http://127\.0\.0\.1:\d+)/\S+/accounts/(\S+)", text)
        if m:
            gen = re.search(r"Generated \S+ \((\d+) bytes\) in ([\d.]+) s", text)
            return p, {"base": m.group(1), "account": m.group(2), "zip_bytes": int(gen.group(1)),
                       "generate_s": float(gen.group(2))}
    sys.exit("simulator did not start")


# ---------------------------------------------------------------- report

def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def med_key(runs, *path):
    vals = []
    for r in runs:
        v = r
        for p in path:
            v = v.get(p) if isinstance(v, dict) else None
        vals.append(v)
    return median(vals)


def fmt(v, spec=",.0f"):
    return "-" if v is None else format(v, spec)


def main():
    ap = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True, help=argparse.SUPPRESS)
    ap.add_argument("--build", action="store_true", help="rebuild the jars first (./mvnw -DskipTests package)")
    ap.add_argument("--rows", type=int, default=2_000_000, help="total rows over the six tables (default 2000000)")
    ap.add_argument("--table-rows", help="explicit table=rows,... instead of the --rows mix")
    ap.add_argument("--reps", type=int, default=3, help="repetitions; medians are reported (default 3)")
    ap.add_argument("--xmx", default="256m", help="heap of the ETL JVM (default 256m)")
    ap.add_argument("--warehouse", choices=["postgres", "duckdb", "both"], default="both")
    ap.add_argument("--pg-port", type=int, default=55432)
    ap.add_argument("--duck-threads", type=int, default=1, help="DuckDB threads of the read_csv baseline (default 1,"
                                                                " as the ETL's connections)")
    ap.add_argument("--base", default="/tmp/dc-bench", help="scratch directory (default /tmp/dc-bench)")
    ap.add_argument("--jvm-opt", action="append", default=[], help="extra JVM option for the ETL (repeatable)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory and leave nothing running")
    args = ap.parse_args()
    args.etl_jar = os.path.join(args.root, "routes", "target", "camel-dataconnector-etl.jar")
    sims = [f for f in os.listdir(os.path.join(args.root, "dataconnector-simulator", "target"))
            if f.endswith("-standalone.jar")]
    args.sim_jar = os.path.join(args.root, "dataconnector-simulator", "target", sims[0])
    args.agent = os.path.join(args.root, "bench", "target", "heap-agent.jar")
    os.makedirs(args.base, exist_ok=True)

    if args.table_rows:
        table_rows = {kv.split("=")[0]: int(kv.split("=")[1]) for kv in args.table_rows.split(",")}
    else:
        table_rows = {t: int(args.rows * share) for t, share in MIX}
    tables = sorted(table_rows)
    want_pg = args.warehouse in ("postgres", "both")
    want_duck = args.warehouse in ("duckdb", "both")

    result = {
        "timestamp": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "command": "bench/run.sh " + " ".join(a for a in sys.argv[1:] if not a.startswith("--root")
                                              and a != args.root),
        "machine": {"nproc": os.cpu_count(), "mem_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
                                                                 / 2**30, 1),
                    "java": subprocess.run(["java", "-version"], stderr=subprocess.PIPE, text=True).stderr
                    .splitlines()[0]},
        "params": {"table_rows": table_rows, "reps": args.reps, "xmx": args.xmx, "duck_threads": args.duck_threads},
    }
    pg = Postgres(args.base, args.pg_port) if want_pg else None
    sim_proc = None
    try:
        extract_dir = os.path.join(args.base, "extract")
        log(f"Generating the extract through the simulator: {table_rows}")
        sim_proc, sim = start_simulator(args, table_rows, extract_dir)
        log(f"Simulator on {sim['base']}; ZIP {sim['zip_bytes'] / 2**20:,.1f} MiB generated in {sim['generate_s']} s")
        # the same ZIP, unzipped once for the baselines
        csvdir = os.path.join(args.base, "unzipped")
        shutil.rmtree(csvdir, ignore_errors=True)
        t0 = time.time()
        with zipfile.ZipFile(os.path.join(extract_dir, "autodesk_data_extract.zip")) as z:
            z.extractall(csvdir)
        unzip_s = time.time() - t0
        csv_bytes = sum(os.path.getsize(os.path.join(csvdir, t + ".csv")) for t in tables)
        result["extract"] = {"zip_bytes": sim["zip_bytes"], "csv_bytes": csv_bytes, "rows": sum(table_rows.values()),
                             "generate_s": sim["generate_s"], "python_unzip_s": unzip_s}
        log(f"CSV {csv_bytes / 2**20:,.1f} MiB, {sum(table_rows.values()):,} rows")
        if want_pg:
            result["postgres_server"] = pg.start()
            log("PostgreSQL: " + result["postgres_server"])
        pg_runs, psql_runs, duck_runs, bulk_runs = [], [], [], []
        for rep in range(1, args.reps + 1):
            if want_pg:
                pg.psql_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; DROP SCHEMA IF EXISTS bench_psql CASCADE; "
                            "CHECKPOINT")
                log(f"rep {rep}: ETL -> PostgreSQL")
                r = run_etl(args, sim, {"warehouse.url": pg.jdbc_url(), "warehouse.username": "postgres",
                                        "warehouse.password": ""}, os.path.join(args.base, "work"), f"pg-{rep}")
                pg_runs.append(r)
                log(f"  {r['rows']:,} rows in {r['etl_seconds']:.1f} s = {r['rows_per_s']:,.0f} rows/s")
                log(f"rep {rep}: psql \\copy -> PostgreSQL")
                b = run_psql_copy(pg, csvdir, tables)
                psql_runs.append(b)
                log(f"  {b['rows']:,} rows in {b['seconds']:.1f} s = {b['rows_per_s']:,.0f} rows/s")
            if want_duck:
                app_db = os.path.join(args.base, "etl.duckdb")
                for f in (app_db, app_db + ".wal"):
                    if os.path.exists(f):
                        os.remove(f)
                log(f"rep {rep}: ETL -> DuckDB")
                r = run_etl(args, sim, {"warehouse.url": "jdbc:duckdb:" + app_db, "warehouse.username": "",
                                        "warehouse.password": ""}, os.path.join(args.base, "work"), f"duck-{rep}")
                duck_runs.append(r)
                log(f"  {r['rows']:,} rows in {r['etl_seconds']:.1f} s = {r['rows_per_s']:,.0f} rows/s")
                log(f"rep {rep}: DuckDB read_csv")
                b = run_duck_bulk(args, app_db, csvdir, tables)
                bulk_runs.append(b)
                log(f"  {b['rows']:,} rows in {b['seconds']:.1f} s = {b['rows_per_s']:,.0f} rows/s")
        for name, etl, base, base_name in (("postgres", pg_runs, psql_runs, "psql \\copy"),
                                           ("duckdb", duck_runs, bulk_runs, "DuckDB read_csv")):
            if not etl:
                continue
            summary = {
                "etl_rows_per_s": med_key(etl, "rows_per_s"),
                "etl_rows_per_s_process_wall": med_key(etl, "rows_per_s_process_wall"),
                "etl_seconds": med_key(etl, "etl_seconds"),
                "process_wall_seconds": med_key(etl, "process_wall_seconds"),
                "baseline": base_name,
                "baseline_rows_per_s": med_key(base, "rows_per_s"),
                "baseline_seconds": med_key(base, "seconds"),
                "download_s": med_key(etl, "stages", "download_s"),
                "poll_to_download_s": med_key(etl, "stages", "poll_to_download_s"),
                "unzip_parse_load_s": med_key(etl, "stages", "unzip_parse_load_s"),
                "after_zip_deleted_to_exit_s": med_key(etl, "stages", "after_zip_deleted_to_exit_s"),
                "load_per_table_s": {t: med_key(etl, "tables", t, "seconds") for t in tables},
                "baseline_per_table_s": {t: med_key(base, "tables", t, "seconds") for t in tables},
                "peak_heap_sampled_mb_max": max(r["peak_heap_sampled_mb"] for r in etl),
                "heap_pool_peaks_sum_mb_max": max(r["heap_pool_peaks_sum_mb"] for r in etl),
                "peak_rss_mb_max": max(r["peak_rss_mb"] for r in etl),
                "peak_workdir_mb_max": max(r["peak_workdir_mb"] for r in etl),
                "zip_mb": etl[0]["zip_mb"], "largest_entry_mb": etl[0]["largest_entry_mb"],
                "rows_etl": etl[0]["rows"], "rows_baseline": base[0]["rows"],
            }
            summary["ratio"] = summary["etl_rows_per_s"] / summary["baseline_rows_per_s"]
            summary["ratio_process_wall"] = summary["etl_rows_per_s_process_wall"] / summary["baseline_rows_per_s"]
            result[name] = {"summary": summary, "etl_runs": etl, "baseline_runs": base}
        print_report(result, tables)
        os.makedirs(os.path.join(args.root, "bench", "results"), exist_ok=True)
        out = os.path.join(args.root, "bench", "results",
                           datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + ".json")
        with open(out, "w") as f:
            json.dump(result, f, indent=2)
        print(f"Results written to {out}")
    finally:
        if sim_proc is not None:
            os.killpg(sim_proc.pid, signal.SIGTERM)
            sim_proc.wait()
        if pg is not None:
            pg.stop()
        if not args.keep:
            for d in ("extract", "unzipped", "work", "pg", "etl.duckdb", "bulk.duckdb"):
                p = os.path.join(args.base, d)
                if os.path.isdir(p):
                    shutil.rmtree(p, ignore_errors=True)
                elif os.path.exists(p):
                    os.remove(p)


def print_report(result, tables):
    m = result["machine"]
    e = result["extract"]
    print()
    print(f"ETL benchmark  {result['timestamp']}  nproc={m['nproc']}  mem={m['mem_gb']} GiB  {m['java']}")
    print(f"Extract: {e['rows']:,} rows in {len(tables)} tables; CSV {e['csv_bytes'] / 2**20:,.1f} MiB, "
          f"ZIP {e['zip_bytes'] / 2**20:,.1f} MiB; reps={result['params']['reps']} (medians); "
          f"ETL heap -Xmx{result['params']['xmx']}")
    if "postgres_server" in result:
        print(f"PostgreSQL: {result['postgres_server']}")
    for name in ("postgres", "duckdb"):
        if name not in result:
            continue
        s = result[name]["summary"]
        print()
        print(f"== {name} ==")
        print(f"  {'path':<44} {'rows':>11} {'seconds':>8} {'rows/s':>10} {'ratio':>6}")
        print(f"  {'ETL, poll -> loaded (Camel started -> exit)':<44} {s['rows_etl']:>11,} {s['etl_seconds']:>8.2f} "
              f"{s['etl_rows_per_s']:>10,.0f} {s['ratio']:>6.2f}")
        print(f"  {'ETL, whole process (incl. JVM/Camel boot)':<44} {s['rows_etl']:>11,} "
              f"{s['process_wall_seconds']:>8.2f} {s['etl_rows_per_s_process_wall']:>10,.0f} "
              f"{s['ratio_process_wall']:>6.2f}")
        print(f"  {s['baseline'] + ' (same CSVs, same tables)':<44} {s['rows_baseline']:>11,} "
              f"{s['baseline_seconds']:>8.2f} {s['baseline_rows_per_s']:>10,.0f} {1.0:>6.2f}")
        print(f"  stages (s): poll+listing {fmt(s['poll_to_download_s'], '.2f')}, download {fmt(s['download_s'], '.2f')}"
              f", unzip+parse+load (pipelined) {fmt(s['unzip_parse_load_s'], '.2f')}, after the ZIP is done "
              f"(record, stop) {fmt(s['after_zip_deleted_to_exit_s'], '.2f')}")
        print(f"  {'table':<32} {'ETL parse+load s':>16} {'baseline s':>11}   (ETL tables overlap when loaded in "
              f"parallel)")
        for t in tables:
            print(f"  {t:<32} {fmt(s['load_per_table_s'].get(t), '.2f'):>16} "
                  f"{fmt(s['baseline_per_table_s'].get(t), '.2f'):>11}")
        print(f"  peak heap: {s['peak_heap_sampled_mb_max']:.0f} MiB sampled every 20 ms (sum of pool peaks "
              f"{s['heap_pool_peaks_sum_mb_max']:.0f} MiB); peak RSS {s['peak_rss_mb_max']:.0f} MiB")
        print(f"  peak work-dir bytes: {s['peak_workdir_mb_max']:,.0f} MiB (ZIP {s['zip_mb']:,.0f} MiB + largest "
              f"entry {s['largest_entry_mb']:,.0f} MiB = {s['zip_mb'] + s['largest_entry_mb']:,.0f} MiB)")
    print()


if __name__ == "__main__":
    main()
