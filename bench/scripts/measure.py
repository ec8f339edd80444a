#!/usr/bin/env python3
"""Measured runs for BENCHMARKS.md: OpenSearch + collector.jar + bench.jar, all on loopback.

Run bench/scripts/prep.sh first: it builds, copies the jars and classes to /tmp/sluice-bench/run
(so concurrent builds cannot change them mid-run) and writes the launcher's classpath to
/tmp/sluice-bench/launcher.cp. Usage:
  python3 bench/scripts/measure.py [lossy] [lossless] [paced] [startup]
Results go to $OUT (default /tmp/sluice-bench/results), one JSON file per run.
"""
import json, os, re, shutil, signal, socket, subprocess, sys, time, urllib.request

MAIN = "/work/main"
OUT = os.environ.get("OUT", "/tmp/sluice-bench/results")
RUN = "/tmp/sluice-bench/run"
CLK = os.sysconf("SC_CLK_TCK")
os.makedirs(OUT, exist_ok=True)
started = []  # every Popen we start, to kill at the end


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def http(method, url, body=None, timeout=10):
    req = urllib.request.Request(url, data=body.encode() if body is not None else None,
                                 method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except Exception as e:
        return None, str(e)


def uptime():
    return open("/proc/loadavg").read().split()[:3]


def cpu_seconds(pid):
    f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(f[11]) + int(f[12])) / CLK  # utime, stime


def vm(pid, key):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(key + ":"):
            return line.split()[1] + " kB"


def metric(text, name, label):
    total, found = 0, False
    for line in text.splitlines():
        if line.startswith(name + "{") and label in line:
            total += float(line.rsplit(" ", 1)[1]); found = True
    return total if found else None


def wait_ready(url, proc, limit=120):
    t0 = time.time()
    while time.time() - t0 < limit:
        if proc.poll() is not None:
            raise SystemExit(f"process exited {proc.returncode} before ready")
        st, _ = http("GET", url, timeout=1)
        if st == 200:
            return
        time.sleep(0.02)
    raise SystemExit("not ready: " + url)


def start_opensearch():
    cp = open("/tmp/sluice-bench/launcher.cp").read().strip()
    proc = subprocess.Popen(
        ["java", "-Dsluice.opensearch.dir=/tmp/sluice-bench/opensearch", "-cp", cp,
         "io.sluice.bench.OpenSearchLauncher"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(f"{OUT}/launcher.err", "w"),
        text=True)
    started.append(proc)
    url = None
    for line in proc.stdout:
        log("opensearch:", line.strip())
        if line.startswith("OPENSEARCH_URL="):
            url = line.strip().split("=", 1)[1]
        if line.startswith("OPENSEARCH_LOG="):
            break
    if not url:
        raise SystemExit("OpenSearch did not start; see launcher.err")
    return proc, url


def one_run(name, os_url, lossless):
    ports = {k: free_port() for k in ("otlp", "metrics", "health", "query")}
    env = dict(os.environ, ES_SERVER_URLS=os_url, ES_USERNAME="", ES_PASSWORD="")
    ccmd = ["java", "-jar", f"{RUN}/collector.jar", "--config",
            os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "jaeger-config.yaml"),
            "--set", f"receivers.otlp.protocols.http.endpoint=127.0.0.1:{ports['otlp']}",
            "--set", f"service.telemetry.metrics.address=127.0.0.1:{ports['metrics']}",
            "--set", f"extensions.healthcheckv2.http.endpoint=127.0.0.1:{ports['health']}",
            "--set", f"extensions.jaeger_query.http.endpoint=127.0.0.1:{ports['query']}"]
    r = {"name": name, "collector_cmd": " ".join(ccmd), "ports": ports,
         "load_before": uptime()}
    clog = open(f"{OUT}/{name}-collector.log", "w")
    t_spawn = time.time()
    coll = subprocess.Popen(ccmd, env=env, stdout=clog, stderr=subprocess.STDOUT)
    started.append(coll)
    wait_ready(f"http://127.0.0.1:{ports['health']}/status", coll)
    r["collector_ready_s"] = round(time.time() - t_spawn, 3)
    cpu_ready = cpu_seconds(coll.pid)
    murl = f"http://127.0.0.1:{ports['metrics']}/metrics"

    bcmd = ["java", "-jar", f"{RUN}/bench.jar", "--endpoint", f"http://127.0.0.1:{ports['otlp']}"]
    if lossless:
        bcmd.append("--lossless")
    if name == "paced":
        bcmd += ["--rate", "1000"]
    bcmd += os.environ.get("BENCH_EXTRA", "").split()
    r["bench_cmd"] = " ".join(bcmd)
    log(name, "load:", r["bench_cmd"])
    t0 = time.time()
    b = subprocess.run(bcmd, stdout=subprocess.PIPE, stderr=open(f"{OUT}/{name}-bench.err", "w"),
                       text=True)
    t_bench = time.time() - t0
    r["bench_exit"] = b.returncode
    r["bench_process_s"] = round(t_bench, 3)
    r["bench_summary"] = b.stdout
    open(f"{OUT}/{name}-bench.out", "w").write(b.stdout)
    log(name, "bench done\n" + b.stdout)

    # Done when the exporter accounted for every accepted span and the count held for 3 s;
    # gives up after 60 s without any change (a stall is a finding, not a hang of this script).
    last, last_change, timeline = None, time.time(), []
    while time.time() - t0 < 900:
        st, text = http("GET", murl)
        if st == 200:
            sent = metric(text, "otelcol_exporter_sent_spans", "") or 0
            failed = metric(text, "otelcol_exporter_send_failed_spans", "") or 0
            accepted = metric(text, "otelcol_receiver_accepted_spans", "") or 0
            if sent != last:
                last, last_change = sent, time.time()
                timeline.append((round(last_change - t0, 2), sent))
            quiet = time.time() - last_change
            if accepted and sent + failed >= accepted and quiet >= 3:
                break
            if quiet >= 60:
                r["stalled"] = True
                break
        time.sleep(0.25)
    r["sent_timeline"] = timeline[-15:]
    r["stored_after_s"] = round(last_change - t0, 3)
    r["load_after"] = uptime()
    st, text = http("GET", murl)
    r["span_metric_lines"] = [l for l in text.splitlines() if "_spans{" in l]
    open(f"{OUT}/{name}-metrics.txt", "w").write(text)
    http("POST", f"{os_url}/_refresh")
    _, cnt = http("GET", f"{os_url}/jaeger2-main-jaeger-span-*/_count")
    r["stored_documents"] = json.loads(cnt).get("count")
    _, cnt = http("GET", f"{os_url}/jaeger2-main-jaeger-service-*/_count")
    r["service_documents"] = json.loads(cnt).get("count")
    _, idx = http("GET", f"{os_url}/_cat/indices/jaeger2-main-*?v&s=index")
    r["indices"] = idx
    r["cpu_total_s"] = cpu_seconds(coll.pid)
    r["cpu_after_ready_s"] = round(r["cpu_total_s"] - cpu_ready, 2)
    r["vm_hwm"] = vm(coll.pid, "VmHWM")
    r["vm_rss"] = vm(coll.pid, "VmRSS")
    r["threads"] = vm(coll.pid, "Threads")
    coll.send_signal(signal.SIGTERM)
    coll.wait(90)
    r["collector_exit"] = coll.returncode
    clog.close()
    lines = open(f"{OUT}/{name}-collector.log").read().splitlines()
    r["collector_warn_error_lines"] = [l for l in lines if re.search(r" (WARN|ERROR) ", l)][:40]
    r["collector_log_lines"] = len(lines)
    json.dump(r, open(f"{OUT}/{name}.json", "w"), indent=2)
    log(name, json.dumps({k: v for k, v in r.items() if k not in ("indices",)}, indent=1))
    st, body = http("DELETE", f"{os_url}/jaeger2-main-jaeger-span-*,jaeger2-main-jaeger-service-*")
    log("delete indices", st, body[:200])
    return r


def startup(n=5):
    st, _ = http("GET", "http://localhost:13133/status", timeout=1)
    if st is not None:
        raise SystemExit("something already answers on localhost:13133; not measuring start-up")
    times = []
    for i in range(n):
        out = open(f"{OUT}/startup-{i}.log", "w")
        t0 = time.time()
        p = subprocess.Popen(["java", "-jar", f"{RUN}/collector.jar"], stdout=out,
                             stderr=subprocess.STDOUT)
        started.append(p)
        wait_ready("http://localhost:13133/status", p)
        times.append(round(time.time() - t0, 3))
        p.send_signal(signal.SIGTERM); p.wait(60)
        log("startup", i, times[-1], "s; load", uptime())
        time.sleep(2)
    res = {"startup_s": times, "min": min(times), "median": sorted(times)[len(times) // 2],
           "load": uptime()}
    json.dump(res, open(f"{OUT}/startup.json", "w"), indent=2)
    return res


def main():
    what = sys.argv[1:] or ["lossy", "lossless", "paced", "startup"]
    os_proc = None
    try:
        if any(w in ("lossy", "lossless", "paced") for w in what):
            t = time.time()
            os_proc, os_url = start_opensearch()
            log("opensearch ready in", round(time.time() - t, 1), "s at", os_url)
            for w in what:
                if w in ("lossy", "lossless", "paced"):
                    one_run(w, os_url, w == "lossless")
            os_proc.stdin.close(); os_proc.wait(60)
        if "startup" in what:
            log("startup:", startup())
    finally:
        for p in started:
            if p.poll() is None:
                log("killing leftover pid", p.pid); p.kill()


main()
