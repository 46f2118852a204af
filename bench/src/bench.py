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
import resource
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
    def __init__(self, base, port, settings=()):
        self.settings = list(settings)
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
                         f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.sock}"
                         + "".join(f" -c {kv}" for kv in self.settings),
                         "start"]), stdout=subprocess.DEVNULL)
        self.psql_sql("CREATE DATABASE bench", db="postgres")
        settings = self.psql_sql("SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings WHERE name IN "
                                 "('fsync','synchronous_commit','shared_buffers','max_wal_size','wal_level',"
                                 "'server_version')", capture=True)
        return settings.strip()

    def postmaster_pid(self):
        with open(os.path.join(self.dir, "postmaster.pid")) as f:
            return int(f.readline())

    def children(self):
        pid = str(self.postmaster_pid())
        out = []
        for d in os.listdir("/proc"):
            if d.isdigit():
                try:
                    with open(f"/proc/{d}/stat") as f:
                        if f.read().rsplit(")", 1)[1].split()[1] == pid:
                            out.append(d)
                except OSError:
                    pass
        return out

    def reaped_cpu_seconds(self):
        """The server's CPU time of the backends that have exited (reaped by the postmaster: its cutime + cstime) plus
        the postmaster's own; the CPU of one client's connections is its difference around the client's run, once
        its backends are gone."""
        with open(f"/proc/{self.postmaster_pid()}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return sum(int(x) for x in fields[11:15]) / os.sysconf("SC_CLK_TCK")

    def wait_backends_gone(self, count, timeout=5.0):
        deadline = time.time() + timeout
        while len(self.children()) > count and time.time() < deadline:
            time.sleep(0.05)

    def stop(self):
        if self.bin and os.path.exists(os.path.join(self.dir, "postmaster.pid")):
            subprocess.run(as_postgres([os.path.join(self.bin, "pg_ctl"), "-D", self.dir, "-m", "fast", "-w",
                                        "stop"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def psql_args(self, db="bench", quiet=True):
        return ["psql", "-X"] + (["-q"] if quiet else []) + ["-A", "-t", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db,
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


def run_etl(args, sim, warehouse_props, workdir, tag, jar=None):
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
    cmd += ["-jar", jar or args.etl_jar, "--once"]
    t0 = time.time()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, cwd=args.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.time() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    # the ETL process's CPU time (user + system): steadier than wall times on a machine shared with other work
    cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
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
        "rows": rows, "etl_seconds": etl_s, "process_wall_seconds": wall, "process_cpu_seconds": cpu, "rows_per_s": rows / etl_s,
        "rows_per_s_process_wall": rows / wall, "stages": stages,
        "boot_seconds": (started - agent["jvmStartMs"]) / 1000 if started else None,
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
    """One psql session running a \\copy per table (a loop over the files, no process start per table): the same
    typed tables as the ETL's (LIKE), a quoted empty field in a typed column read as NULL (FORCE_NULL) as the ETL
    does. Per-table times are psql's own \\timing of each \\copy."""
    pg.psql_sql("DROP SCHEMA IF EXISTS bench_psql CASCADE; CREATE SCHEMA bench_psql; "
                + " ".join(f'CREATE TABLE bench_psql."{t}" (LIKE {SCHEMA}."{t}");' for t in tables) + " CHECKPOINT;")
    typed = {}
    for line in pg.psql_sql(f"SELECT table_name, string_agg(quote_ident(column_name), ',') FROM "
                            f"information_schema.columns WHERE table_schema = '{SCHEMA}' AND data_type <> 'text' "
                            f"GROUP BY 1", capture=True).splitlines():
        if "|" in line:
            t, cols = line.split("|", 1)
            typed[t] = cols
    script = ["\\timing on"]
    for t in tables:
        path = os.path.join(csvdir, t + ".csv")
        with open(path, encoding="utf-8-sig") as f:
            header = f.readline().strip()
        cols = ", ".join(f'"{c}"' for c in header.split(",")) if header else ""
        force = f", FORCE_NULL ({typed[t]})" if t in typed else ""
        script.append(f"\\copy bench_psql.\"{t}\" ({cols}) FROM '{path}' WITH (FORMAT csv, HEADER true{force})")
    t0 = time.time()
    r = run(pg.psql_args(quiet=False), input="\n".join(script) + "\n", stdout=subprocess.PIPE, text=True)
    wall = time.time() - t0
    per = {}
    pending = iter(tables)
    current = None
    for line in r.stdout.splitlines():
        m = re.match(r"^COPY (\d+)$", line)
        if m:
            current = next(pending)
            per[current] = {"rows": int(m.group(1))}
            continue
        m = re.match(r"^Time: ([\d.]+) ms", line)
        if m and current is not None:
            per[current]["seconds"] = float(m.group(1)) / 1000
            current = None
    total_rows = sum(v["rows"] for v in per.values())
    total = sum(v.get("seconds", 0) for v in per.values())
    return {"rows": total_rows, "seconds": total, "session_wall_seconds": wall, "rows_per_s": total_rows / total,
            "tables": per}


def run_duck_bulk(args, app_db, csvdir, tables):
    p = run(["java", "-cp", args.etl_jar, os.path.join(args.root, "bench", "src", "DuckBulk.java"), app_db,
             os.path.join(args.base, "bulk.duckdb"), csvdir, SCHEMA, str(args.duck_threads)] + tables,
            stdout=subprocess.PIPE, text=True)
    per = {}
    checkpoint = 0.0
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            o = json.loads(line)
            if "checkpoint_seconds" in o:
                checkpoint = o["checkpoint_seconds"]
            else:
                per[o["table"]] = {"rows": o["rows"], "seconds": o["seconds"]}
    rows = sum(v["rows"] for v in per.values())
    loads = sum(v["seconds"] for v in per.values())
    # durable like the ETL's loads (which end with the checkpoint when the warehouse file is released): the final
    # CHECKPOINT (DuckDB compresses the row groups there) is part of the baseline; "seconds_without_checkpoint" is
    # the figure of earlier runs
    total = loads + checkpoint
    return {"rows": rows, "seconds": total, "rows_per_s": rows / total, "seconds_without_checkpoint": loads,
            "checkpoint_seconds": checkpoint, "tables": per}


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


def full_catalogue(args):
    """The simulator's full catalogue: [(table, columns, header_only)]."""
    out = run(["java", "-cp", args.sim_jar, os.path.join(args.root, "bench", "src", "Catalogue.java")],
              stdout=subprocess.PIPE, text=True).stdout
    return [(n, int(c), h == "header-only") for n, c, h in (line.split() for line in out.splitlines() if line)]


def scenarios(args):
    """[(name, kind, {table: rows})]: the row-count sweep of the six-table mix, then the real-layout full extract."""
    out = []
    if args.table_rows:
        tr = {kv.split("=")[0]: int(kv.split("=")[1]) for kv in args.table_rows.split(",")}
        out.append((f"custom-{sum(tr.values())}", "mix", tr))
    else:
        for n in [int(x) for x in args.sweep.split(",") if x]:
            out.append((f"mix-{n}", "mix", {t: int(n * share) for t, share in MIX}))
    if args.full:
        tr = {}
        for name, _cols, header_only in full_catalogue(args):
            tr[name] = 0 if header_only else args.full_table_rows
        tr["issues_issues"] = args.full_big_rows // 3
        tr["activities_admin_activities"] = args.full_big_rows - args.full_big_rows // 3
        out.append((f"full-{len(tr)}-tables", "full", tr))
    return out


def summarize(etl, base, base_name, tables, table_rows, small_rows):
    s = {
        "etl_rows_per_s": med_key(etl, "rows_per_s"),
        "etl_rows_per_s_process_wall": med_key(etl, "rows_per_s_process_wall"),
        "etl_seconds": med_key(etl, "etl_seconds"),
        "process_wall_seconds": med_key(etl, "process_wall_seconds"),
        "boot_seconds": med_key(etl, "boot_seconds"),
        "process_cpu_seconds": med_key(etl, "process_cpu_seconds"),
        "server_cpu_seconds": med_key(etl, "server_cpu_seconds"),
        "baseline": base_name,
        "baseline_rows_per_s": med_key(base, "rows_per_s"),
        "baseline_seconds": med_key(base, "seconds"),
        "baseline_checkpoint_seconds": med_key(base, "checkpoint_seconds"),
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
        "tables": len(tables), "tables_loaded": len(etl[0]["tables"]),
    }
    s["ratio"] = s["etl_rows_per_s"] / s["baseline_rows_per_s"]
    s["ratio_process_wall"] = s["etl_rows_per_s_process_wall"] / s["baseline_rows_per_s"]
    s["ratio_seconds"] = s["baseline_seconds"] / s["etl_seconds"]
    s["ratio_process_wall_seconds"] = s["baseline_seconds"] / s["process_wall_seconds"]
    # the small tables (a real extract's bulk): the ETL's time per table (stage, DDL, swap, history) against the
    # baseline's for the same file; the difference is our own per-table overhead
    small = [t for t in tables if table_rows[t] <= small_rows
             and s["load_per_table_s"].get(t) is not None and s["baseline_per_table_s"].get(t) is not None]
    if small:
        s["small_tables"] = len(small)
        s["small_table_ms_median"] = 1000 * median([s["load_per_table_s"][t] for t in small])
        s["small_table_baseline_ms_median"] = 1000 * median([s["baseline_per_table_s"][t] for t in small])
        s["own_overhead_ms_per_small_table"] = 1000 * median(
            [s["load_per_table_s"][t] - s["baseline_per_table_s"][t] for t in small])
    return s


def main():
    ap = argparse.ArgumentParser(prog="bench/run.sh", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", required=True, help=argparse.SUPPRESS)
    ap.add_argument("--build", action="store_true", help="rebuild the jars first (./mvnw -DskipTests package)")
    ap.add_argument("--sweep", default="100000,1000000",
                    help="total rows of the six-table mix, one extract each (default 100000,1000000)")
    ap.add_argument("--rows", type=int, help="one size only: the same as --sweep ROWS")
    ap.add_argument("--table-rows", help="explicit table=rows,... instead of the sweep")
    ap.add_argument("--full", action=argparse.BooleanOptionalAction, default=True,
                    help="also the real-layout full extract (about 300 tables; default on)")
    ap.add_argument("--full-table-rows", type=int, default=200, help="rows of each table of the full extract "
                                                                     "(default 200)")
    ap.add_argument("--full-big-rows", type=int, default=300000,
                    help="rows of its issues_issues + activities_admin_activities tables (default 300000)")
    ap.add_argument("--reps", type=int, default=1, help="repetitions; medians are reported (default 1)")
    ap.add_argument("--xmx", default="256m", help="heap of the ETL JVM (default 256m)")
    ap.add_argument("--warehouse", choices=["postgres", "duckdb", "both"], default="both")
    ap.add_argument("--pg-port", type=int, default=55432)
    ap.add_argument("--pg-setting", action="append", default=[],
                    help="extra server setting k=v, e.g. log_min_duration_statement=20 to profile (repeatable)")
    ap.add_argument("--duck-threads", type=int, default=1, help="DuckDB threads of the read_csv baseline (default 1,"
                                                                " as the ETL's connections)")
    ap.add_argument("--base", default="/tmp/dc-bench", help="scratch directory (default /tmp/dc-bench)")
    ap.add_argument("--jvm-opt", action="append", default=[], help="extra JVM option for the ETL (repeatable)")
    ap.add_argument("--etl-prop", action="append", default=[], help="extra ETL property k=v (repeatable)")
    ap.add_argument("--tag", default="", help="suffix of the result file names")
    ap.add_argument("--etl-jar", action="append", default=[],
                    help="the ETL jar under test (default routes/target/camel-dataconnector-etl.jar); given twice "
                         "or more, each repetition runs every jar in turn (A B, then B A) and each jar gets its own "
                         "summary, for before/after pairs on a busy machine")
    ap.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = ap.parse_args()
    if args.rows:
        args.sweep = str(args.rows)
    args.etl_jars = [os.path.abspath(j) for j in args.etl_jar] or [
        os.path.join(args.root, "routes", "target", "camel-dataconnector-etl.jar")]
    args.etl_jar = args.etl_jars[0]
    sims = [f for f in os.listdir(os.path.join(args.root, "dataconnector-simulator", "target"))
            if f.endswith("-standalone.jar")]
    args.sim_jar = os.path.join(args.root, "dataconnector-simulator", "target", sims[0])
    args.agent = os.path.join(args.root, "bench", "target", "heap-agent.jar")
    os.makedirs(args.base, exist_ok=True)
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
        "params": {"reps": args.reps, "xmx": args.xmx, "duck_threads": args.duck_threads,
                   "etl_jars": args.etl_jars,
                   "etl_props": args.etl_prop, "jvm_opts": args.jvm_opt},
        "scenarios": [],
    }
    pg = Postgres(args.base, args.pg_port, args.pg_setting) if want_pg else None
    sim_proc = None
    try:
        if want_pg:
            result["postgres_server"] = pg.start()
            log("PostgreSQL: " + result["postgres_server"])
        for name, kind, table_rows in scenarios(args):
            sc, sim_proc = run_scenario(args, pg, name, kind, table_rows, want_pg, want_duck)
            result["scenarios"].append(sc)
            print_scenario(sc)
        stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S") + (("-" + args.tag) if args.tag else "")
        os.makedirs(os.path.join(args.root, "bench", "results"), exist_ok=True)
        out = os.path.join(args.root, "bench", "results", stamp + ".json")
        with open(out, "w") as f:
            json.dump(result, f, indent=2)
        svg = os.path.join(args.root, "bench", "results", stamp + ".svg")
        with open(svg, "w") as f:
            f.write(plot_svg(result))
        print_table(result)
        print(f"Results written to {out}, plot {svg}")
    finally:
        if sim_proc is not None and sim_proc.poll() is None:
            os.killpg(sim_proc.pid, signal.SIGTERM)
            sim_proc.wait()
        if pg is not None:
            pg.stop()
        if not args.keep:
            cleanup(args.base, ("extract", "unzipped", "work", "pg", "etl.duckdb", "bulk.duckdb"))


def cleanup(base, names):
    for d in names:
        p = os.path.join(base, d)
        if os.path.isdir(p):
            shutil.rmtree(p, ignore_errors=True)
        elif os.path.exists(p):
            os.remove(p)
        if os.path.exists(p + ".wal"):
            os.remove(p + ".wal")


def run_scenario(args, pg, name, kind, table_rows, want_pg, want_duck):
    tables = sorted(table_rows)
    extract_dir = os.path.join(args.base, "extract")
    log(f"[{name}] generating the extract through the simulator: {len(tables)} tables, "
        f"{sum(table_rows.values()):,} rows")
    sim_proc, sim = start_simulator(args, table_rows, extract_dir)
    try:
        log(f"[{name}] simulator on {sim['base']}; ZIP {sim['zip_bytes'] / 2**20:,.1f} MiB in {sim['generate_s']} s")
        csvdir = os.path.join(args.base, "unzipped")
        shutil.rmtree(csvdir, ignore_errors=True)
        t0 = time.time()
        with zipfile.ZipFile(os.path.join(extract_dir, "autodesk_data_extract.zip")) as z:
            z.extractall(csvdir)
        unzip_s = time.time() - t0
        csv_bytes = sum(os.path.getsize(os.path.join(csvdir, t + ".csv")) for t in tables)
        sc = {"name": name, "kind": kind, "table_rows": table_rows,
              "extract": {"zip_bytes": sim["zip_bytes"], "csv_bytes": csv_bytes, "rows": sum(table_rows.values()),
                          "tables": len(tables), "generate_s": sim["generate_s"], "python_unzip_s": unzip_s}}
        small_rows = args.full_table_rows if kind == "full" else 0
        extra = dict(kv.split("=", 1) for kv in args.etl_prop)
        jars = args.etl_jars
        pg_runs, psql_runs, duck_runs, bulk_runs = ([[] for _ in jars] for _ in range(4))
        # compared jars run in turn, the order reversed every other repetition (A B, B A, ...: the load drifts)
        for rep, j in ((r, j) for r in range(1, args.reps + 1)
                       for j in (range(len(jars)) if r % 2 else reversed(range(len(jars))))):
            jar = jars[j]
            jtag = "" if len(jars) == 1 else f"-jar{j + 1}"
            if len(jars) > 1:
                log(f"[{name}] rep {rep}: jar {j + 1} {jar}")
            if want_pg:
                pg.psql_sql(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; DROP SCHEMA IF EXISTS bench_psql CASCADE; "
                            "CHECKPOINT")
                log(f"[{name}] rep {rep}: ETL -> PostgreSQL")
                props = {"warehouse.url": pg.jdbc_url(), "warehouse.username": "postgres", "warehouse.password": ""}
                props.update(extra)
                aux = len(pg.children())
                cpu0 = pg.reaped_cpu_seconds()
                r = run_etl(args, sim, props, os.path.join(args.base, "work"), f"{name}-pg-{rep}{jtag}", jar)
                pg.wait_backends_gone(aux)
                r["server_cpu_seconds"] = pg.reaped_cpu_seconds() - cpu0
                log(f"  CPU: ETL process {r['process_cpu_seconds']:.2f} s, its PostgreSQL backends "
                    f"{r['server_cpu_seconds']:.2f} s")
                pg_runs[j].append(r)
                log(f"  {r['rows']:,} rows in {r['etl_seconds']:.1f} s (process {r['process_wall_seconds']:.1f} s)")
                log(f"[{name}] rep {rep}: psql \\copy -> PostgreSQL")
                b = run_psql_copy(pg, csvdir, tables)
                psql_runs[j].append(b)
                log(f"  {b['rows']:,} rows in {b['seconds']:.1f} s")
            if want_duck:
                app_db = os.path.join(args.base, "etl.duckdb")
                props = {"warehouse.url": "jdbc:duckdb:" + app_db, "warehouse.username": "", "warehouse.password": ""}
                props.update(extra)
                cleanup(args.base, ("etl.duckdb",))
                log(f"[{name}] rep {rep}: ETL -> DuckDB")
                r = run_etl(args, sim, props, os.path.join(args.base, "work"), f"{name}-duck-{rep}{jtag}", jar)
                duck_runs[j].append(r)
                log(f"  {r['rows']:,} rows in {r['etl_seconds']:.1f} s (process {r['process_wall_seconds']:.1f} s)")
                log(f"[{name}] rep {rep}: DuckDB read_csv")
                b = run_duck_bulk(args, app_db, csvdir, tables)
                bulk_runs[j].append(b)
                log(f"  {b['rows']:,} rows in {b['seconds']:.1f} s")
        for j in range(len(jars)):
            for wh, etl, base, base_name in (("postgres", pg_runs[j], psql_runs[j], "psql \\copy"),
                                             ("duckdb", duck_runs[j], bulk_runs[j], "DuckDB read_csv")):
                if etl:
                    key = wh if j == 0 else f"{wh}#jar{j + 1}"
                    sc[key] = {"summary": summarize(etl, base, base_name, tables, table_rows, small_rows),
                               "etl_runs": etl, "baseline_runs": base, "etl_jar": jars[j]}
        return sc, sim_proc
    finally:
        os.killpg(sim_proc.pid, signal.SIGTERM)
        sim_proc.wait()


def warehouse_keys(sc):
    """The scenario's result keys: postgres, duckdb, and with several --etl-jar postgres#jar2, duckdb#jar2, ..."""
    return [k for k in sc if k.split("#")[0] in ("postgres", "duckdb")]


def print_scenario(sc):
    e = sc["extract"]
    print()
    print(f"== {sc['name']}: {e['rows']:,} rows in {e['tables']} tables; CSV {e['csv_bytes'] / 2**20:,.1f} MiB, "
          f"ZIP {e['zip_bytes'] / 2**20:,.1f} MiB")
    for wh in warehouse_keys(sc):
        s = sc[wh]["summary"]
        print(f"  -- {wh} ({sc[wh].get('etl_jar', '')})")
        print(f"  {'path':<44} {'seconds':>8} {'rows/s':>10} {'ratio':>6}")
        print(f"  {'ETL, poll -> loaded (Camel started -> exit)':<44} {s['etl_seconds']:>8.2f} "
              f"{s['etl_rows_per_s']:>10,.0f} {s['ratio']:>6.2f}")
        print(f"  {'ETL, whole process (incl. JVM/Camel boot)':<44} {s['process_wall_seconds']:>8.2f} "
              f"{s['etl_rows_per_s_process_wall']:>10,.0f} {s['ratio_process_wall']:>6.2f}")
        print(f"  {s['baseline'] + ' (same CSVs, same tables)':<44} {s['baseline_seconds']:>8.2f} "
              f"{s['baseline_rows_per_s']:>10,.0f} {1.0:>6.2f}")
        print(f"  ETL process CPU (user + system) {fmt(s.get('process_cpu_seconds'), '.2f')} s, its PostgreSQL "
              f"backends {fmt(s.get('server_cpu_seconds'), '.2f')} s")
        if s.get("baseline_checkpoint_seconds"):
            print(f"  (baseline includes its final CHECKPOINT, {s['baseline_checkpoint_seconds']:.2f} s: durable as the ETL)")
        print(f"  boot (JVM start -> Camel started) {fmt(s['boot_seconds'], '.2f')} s; stages: poll+listing "
              f"{fmt(s['poll_to_download_s'], '.2f')}, download {fmt(s['download_s'], '.2f')}, unzip+parse+load "
              f"{fmt(s['unzip_parse_load_s'], '.2f')}, after (record, stop) {fmt(s['after_zip_deleted_to_exit_s'], '.2f')}")
        if "small_tables" in s:
            print(f"  {s['small_tables']} small tables: ETL {s['small_table_ms_median']:.1f} ms a table (median), "
                  f"baseline {s['small_table_baseline_ms_median']:.1f} ms; own overhead "
                  f"{s['own_overhead_ms_per_small_table']:.1f} ms a table")
        else:
            for t, v in s["load_per_table_s"].items():
                print(f"    {t:<34} ETL {fmt(v, '.2f'):>7} s   baseline {fmt(s['baseline_per_table_s'].get(t), '.2f'):>7} s")
        print(f"  peak heap {s['peak_heap_sampled_mb_max']:.0f} MiB (sampled; pool peaks sum "
              f"{s['heap_pool_peaks_sum_mb_max']:.0f}), peak RSS {s['peak_rss_mb_max']:.0f} MiB, work dir "
              f"{s['peak_workdir_mb_max']:,.0f} MiB (ZIP {s['zip_mb']:,.0f} MiB)")


def print_table(result):
    """The summary table (Markdown, as in docs/performance.md)."""
    print()
    print("| extract | warehouse | rows | tables | poll→loaded s | ratio | whole process s | ratio | baseline s "
          "| own ms/small table | peak heap MiB | peak RSS MiB |")
    print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for sc in result["scenarios"]:
        for wh in warehouse_keys(sc):
            s = sc[wh]["summary"]
            print(f"| {sc['name']} | {wh} | {s['rows_etl']:,} | {s['tables']} | {s['etl_seconds']:.2f} | "
                  f"**{s['ratio']:.2f}×** | {s['process_wall_seconds']:.2f} | **{s['ratio_process_wall']:.2f}×** | "
                  f"{s['baseline_seconds']:.2f} ({s['baseline']}) | "
                  f"{fmt(s.get('own_overhead_ms_per_small_table'), '.1f')} | {s['peak_heap_sampled_mb_max']:.0f} | "
                  f"{s['peak_rss_mb_max']:.0f} |")


def plot_svg(result):
    """Rows/s against extract rows (log scale), ETL (poll→loaded, whole process) and baseline, per warehouse."""
    series = {}
    colours = {"postgres": ("#1f5fbf", "#7fa8e6", "#0b2a5c"), "duckdb": ("#c76a00", "#f0b36b", "#5c3100")}
    for sc in result["scenarios"]:
        for wh in ("postgres", "duckdb"):
            if wh not in sc:
                continue
            s = sc[wh]["summary"]
            x = s["rows_etl"]
            key = sc["kind"]
            for label, y, ci in ((f"{wh} ETL poll→loaded", s["etl_rows_per_s"], 0),
                                 (f"{wh} ETL whole process", s["etl_rows_per_s_process_wall"], 1),
                                 (f"{wh} {s['baseline']}", s["baseline_rows_per_s"], 2)):
                series.setdefault((label, colours[wh][ci]), []).append((x, y, key))
    w, h, ml, mr, mt, mb = 760, 420, 80, 250, 30, 50
    pts = [p for v in series.values() for p in v]
    if not pts:
        return "<svg xmlns='http://www.w3.org/2000/svg'/>"
    import math
    xs = [math.log10(max(p[0], 1)) for p in pts]
    x0, x1 = math.floor(min(xs)), math.ceil(max(xs))
    if x1 == x0:
        x1 += 1
    ymax = max(p[1] for p in pts) * 1.1
    step = 10 ** math.floor(math.log10(ymax / 4))
    step *= 5 if ymax / step > 20 else 2 if ymax / step > 8 else 1

    def sx(v):
        return ml + (math.log10(max(v, 1)) - x0) / (x1 - x0) * (w - ml - mr)

    def sy(v):
        return h - mb - v / ymax * (h - mt - mb)

    o = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' font-family='sans-serif' "
         f"font-size='12'>", f"<rect width='{w}' height='{h}' fill='white'/>",
         f"<text x='{ml}' y='18' font-size='14'>Rows/s against extract size ({result['timestamp']}, "
         f"{result['machine']['nproc']} cores)</text>"]
    y = 0
    while y <= ymax:
        o.append(f"<line x1='{ml}' x2='{w - mr}' y1='{sy(y):.1f}' y2='{sy(y):.1f}' stroke='#ddd'/>")
        o.append(f"<text x='{ml - 6}' y='{sy(y) + 4:.1f}' text-anchor='end'>{y / 1000:,.0f}k</text>")
        y += step
    for d in range(x0, x1 + 1):
        xv = sx(10 ** d)
        o.append(f"<line x1='{xv:.1f}' x2='{xv:.1f}' y1='{mt}' y2='{h - mb}' stroke='#ddd'/>")
        o.append(f"<text x='{xv:.1f}' y='{h - mb + 16}' text-anchor='middle'>{10 ** d:,}</text>")
    o.append(f"<text x='{(ml + w - mr) / 2}' y='{h - 10}' text-anchor='middle'>rows in the extract (log scale; "
             f"squares: the ~300-table full extract)</text>")
    o.append(f"<text x='16' y='{(mt + h - mb) / 2}' transform='rotate(-90 16 {(mt + h - mb) / 2})' "
             f"text-anchor='middle'>rows/s</text>")
    ly = mt + 10
    for (label, colour), ps in series.items():
        mix = sorted((p for p in ps if p[2] == "mix"), key=lambda p: p[0])
        if len(mix) > 1:
            o.append("<polyline fill='none' stroke='%s' stroke-width='2' points='%s'/>"
                     % (colour, " ".join(f"{sx(p[0]):.1f},{sy(p[1]):.1f}" for p in mix)))
        for p in ps:
            if p[2] == "mix":
                o.append(f"<circle cx='{sx(p[0]):.1f}' cy='{sy(p[1]):.1f}' r='4' fill='{colour}'/>")
            else:
                o.append(f"<rect x='{sx(p[0]) - 4:.1f}' y='{sy(p[1]) - 4:.1f}' width='8' height='8' "
                         f"fill='{colour}'/>")
        o.append(f"<rect x='{w - mr + 15}' y='{ly - 9}' width='12' height='12' fill='{colour}'/>")
        o.append(f"<text x='{w - mr + 32}' y='{ly + 1}'>{label}</text>")
        ly += 20
    o.append("</svg>")
    return "\n".join(o) + "\n"


if __name__ == "__main__":
    main()
