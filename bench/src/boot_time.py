#!/usr/bin/env python3
"""Boot time of the launcher: `java -jar` to its first Data Connector API call.

Starts the simulator standalone (one seeded complete job, 5 rows a table) behind a small recording proxy, then runs
each launcher command given (`--cmd`, repeatable; alternated run by run so machine load hits every variant alike)
N times in run-once mode against it. For each run it reports the wall time from process start to the first API call
the proxy sees, the launcher's CPU time (user+sys, from /proc) at that moment, all threads and the main thread alone (the
boot's critical path: what a free second core cannot take over), and the whole run's wall and CPU time.
Medians per variant at the end.

  python3 bench/src/boot_time.py --runs 7 \
      --cmd "java -jar routes/target/camel-dataconnector-etl.jar" \
      --cmd "routes/target/camel-dataconnector-etl --cds"

Each command gets `--once --config=<dir>` appended; the config dir holds the simulator's URL, the account and a fresh
DuckDB file. The process' environment gets CAMEL_COMPONENT_DATACONNECTOR_ACCESS_TOKEN.
"""
import argparse
import glob
import http.client
import http.server
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

TOKEN = "boot-time-token"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """user+sys seconds of a live process (fields 14, 15 of /proc/<pid>/stat), None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLK_TCK
    except (OSError, IndexError, ValueError):
        return None


def main_thread_cpu_seconds(pid):
    """user+sys seconds of the threads named "java" of a live process: the launcher's main thread (and the idle
    primordial thread that started it), the boot's critical path; None when it is gone."""
    total = 0
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
            if head.split("(", 1)[1] == "java":
                fields = rest.split()
                total += int(fields[11]) + int(fields[12])
        return total / CLK_TCK
    except (OSError, IndexError, ValueError):
        return None


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.pid = None
        self.first = None

    def arm(self, pid):
        with self.lock:
            self.pid, self.first = pid, None

    def hit(self):
        now = time.monotonic()
        with self.lock:
            if self.first is None and self.pid is not None:
                self.first = (now, cpu_seconds(self.pid), main_thread_cpu_seconds(self.pid))


def proxy_handler(recorder, upstream_port):
    class Proxy(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *a):
            pass

        def forward(self):
            recorder.hit()
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            conn = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
            conn.request(self.command, self.path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read()
            self.send_response(r.status)
            for k, v in r.getheaders():
                if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            conn.close()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = forward

    return Proxy


def start_simulator(jar, port):
    p = subprocess.Popen(["java", "-jar", jar, "--port", str(port), "--seed", "--instant-jobs", "--rows", "5",
                          "--access-token", TOKEN], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    account = None
    for line in p.stdout:
        if "Account id:" in line:
            account = line.split("Account id:")[1].strip()
            break
    if account is None:
        sys.exit("the simulator did not start")
    threading.Thread(target=lambda: [None for _ in p.stdout], daemon=True).start()
    return p, account


def one_run(cmd, proxy_url, account, recorder, base):
    d = tempfile.mkdtemp(dir=base)
    with open(os.path.join(d, "application.properties"), "w") as f:
        f.write(f"camel.component.dataconnector.base-url={proxy_url}\n"
                f"camel.component.dataconnector.account-id={account}\n"
                f"warehouse.url=jdbc:duckdb:{d}/warehouse.duckdb\n"
                f"etl.work-dir={d}/work\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAMEL_", "WAREHOUSE_", "ETL_"))}
    env["CAMEL_COMPONENT_DATACONNECTOR_ACCESS_TOKEN"] = TOKEN
    args = shlex.split(cmd) + ["--once", f"--config={d}"]
    t0 = time.monotonic()
    p = subprocess.Popen(args, cwd=d, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    recorder.arm(p.pid)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    t_end = time.monotonic()
    if p.returncode != 0 or recorder.first is None:
        sys.exit(f"run failed (exit {p.returncode}): {cmd}\n{out.decode(errors='replace')[-3000:]}")
    first, cpu_first, main_first = recorder.first
    return {"first_call_s": first - t0, "cpu_at_first_call_s": cpu_first, "main_cpu_at_first_call_s": main_first,
            "wall_s": t_end - t0,
            "cpu_s": usage.ru_utime + usage.ru_stime}


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cmd", action="append", help="a launcher command (repeatable); default: java -jar <etl jar>")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--sim-jar", default=None)
    args = ap.parse_args()
    cmds = args.cmd or [f"java -jar {root}/routes/target/camel-dataconnector-etl.jar"]
    sim_jar = args.sim_jar or next(iter(glob.glob(
        f"{root}/dataconnector-simulator/target/dataconnector-simulator-*-standalone.jar")), None)
    if not sim_jar:
        sys.exit("no simulator jar: ./mvnw -B -pl dataconnector-simulator -am package -DskipTests")
    sim_port, proxy_port = free_port(), free_port()
    sim, account = start_simulator(sim_jar, sim_port)
    recorder = Recorder()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", proxy_port), proxy_handler(recorder, sim_port))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = tempfile.mkdtemp(prefix="boot-time-")
    results = {c: [] for c in cmds}
    try:
        for i in range(args.runs):
            for c in cmds:
                r = one_run(c, f"http://127.0.0.1:{proxy_port}", account, recorder, base)
                results[c].append(r)
                print(f"run {i + 1} {c}: first API call {r['first_call_s']:.3f} s (CPU {r['cpu_at_first_call_s']:.2f} s, "
                      f"main thread {r['main_cpu_at_first_call_s']:.2f} s),"
                      f" whole run {r['wall_s']:.2f} s (CPU {r['cpu_s']:.2f} s)", flush=True)
    finally:
        server.shutdown()
        sim.terminate()
        sim.wait()
    print("\nmedians over", args.runs, "runs")
    for c, rs in results.items():
        med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        print(f"  {c}\n    first API call {med['first_call_s']:.3f} s (CPU {med['cpu_at_first_call_s']:.2f} s, "
              f"main thread {med['main_cpu_at_first_call_s']:.2f} s), "
              f"whole run {med['wall_s']:.2f} s (CPU {med['cpu_s']:.2f} s)")


if __name__ == "__main__":
    main()
