"""Per-table statements and server time from a bench PostgreSQL log (run with --keep --pg-setting
log_min_duration_statement=0): groups each backend's statements into table loads, from the history look-up to the
COMMIT, and prints the median wall time of a load, the summed server time, and the mean time and count per statement
kind; then the gap between two loads on one backend (time outside the loader).

    python3 bench/src/pg_log_per_table.py /tmp/dc-bench/pg/server.log
"""
import re, sys, statistics as st, datetime as dt

rx = re.compile(r'^(\S+ \S+) UTC \[(\d+)\] LOG:  duration: ([\d.]+) ms  (parse|bind|execute|statement)( \S+)?: ?(.*)$')
loads = []; cur = {}; last_end = {}
gaps_between = []
def ts(s): return dt.datetime.strptime(s, "%Y-%m-%d %H:%M:%S.%f").timestamp()*1000
lines = open(sys.argv[1], errors='replace').read().splitlines()
for i, line in enumerate(lines):
    m = rx.match(line)
    if not m: continue
    t, pid, d, kind, name, sql = m.groups(); t = ts(t); d = float(d)
    if not sql.strip() and i + 1 < len(lines):
        sql = lines[i + 1].strip()  # a statement of a multi-statement string starts on the next line
    if kind in ('execute','statement') and ('dc_load_history" WHERE job_id = $1 AND file_name = $2), ' in sql):
        if pid in last_end: gaps_between.append(t - d - last_end[pid])
        cur[pid] = {'start': t - d, 'server': 0.0, 'msgs': 0, 'kinds': {}}
    L = cur.get(pid)
    if L is None: continue
    L['server'] += d
    if kind in ('execute','statement'):
        L['msgs'] += 1
        k = sql.split()[0].upper() if sql else '?'
        if k in ('SELECT', 'SET', 'CREATE', 'ALTER', 'DROP', 'INSERT', 'DELETE', 'COPY', 'COMMIT', 'BEGIN', 'LOCK', 'UPDATE'):
            if k=='SELECT' and 'information_schema' in sql: k='SELECT-infoschema'
            elif k=='SELECT' and 'dc_load_history' in sql: k='SELECT-history'
            elif k=='SELECT': k='SELECT-other'
            L['kinds'][k] = L['kinds'].get(k,0)+d
            L['kinds'][k+'#'] = L['kinds'].get(k+'#',0)+1
    if kind == 'execute' and sql.strip() == 'COMMIT' or (kind=='statement' and sql.strip()=='COMMIT'):
        L['end'] = t; L['wall'] = t - L['start']; loads.append(L); cur.pop(pid); last_end[pid] = t
print("loads", len(loads))
small = sorted(loads, key=lambda l: l['wall'])[:len(loads)-10]
print("median wall ms (prior->commit) %.2f, median server sum %.2f, median statements %d" % (
    st.median(l['wall'] for l in small), st.median(l['server'] for l in small), st.median(l['msgs'] for l in small)))
keys = set(k for l in small for k in l['kinds'])
for k in sorted(keys):
    if k.endswith('#'): continue
    print("  %-20s per-load mean ms %.2f  count/load %.2f" % (k, sum(l['kinds'].get(k,0) for l in small)/len(small), sum(l['kinds'].get(k+'#',0) for l in small)/len(small)))
print("between loads on one backend: median %.2f ms, sum %.0f ms" % (st.median(gaps_between), sum(gaps_between)))
print("total wall of loads (sum) %.0f ms, server sum %.0f ms" % (sum(l['wall'] for l in loads), sum(l['server'] for l in loads)))
