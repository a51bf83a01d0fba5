"""A shared server under several visitors: seeds under concurrency, and an oversized text box.

Two probes of a real server, driven by crafted clients (``tests/wire.py``) rather than browsers:

1. **Seeds under concurrency.** Alone on a fresh server, one visitor opens a page with seeds
   0 … N−1 and records every number the page shows. On another fresh server, eight visitors
   open the same seeds at once; then one more visitor, alone, opens them again (what a later
   visitor sees from the cache). A seed "differs" when what the page shows is not what it shows
   a visitor alone on a fresh server.
2. **An oversized text box.** Crafted clients send a huge value for the shared text box on every
   rerun while an ordinary visitor steps a page; the ordinary visitor's rerun times and the
   server's memory (VmRSS) are recorded, with 0, 1 and 4 such clients.

    .venv/bin/python bench/shared_server_probe.py [--seeds 48] [--app-dir DIR]

``--app-dir`` points at another checkout (for example an older commit in a ``git worktree``)
to measure it the same way. Prints a table and writes ``bench/results/shared_server_probe.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.live import LiveServer  # noqa: E402
from tests.wire import CraftedClient  # noqa: E402

PAGES = {"self_attention": "sa_seed", "rnn_forward": "rnn_seed"}


def shown(client: CraftedClient, seed_key: str, seed: int) -> tuple[str, ...]:
    """Everything the page shows for ``seed``: the text of every element, in order."""
    run = client.rerun({seed_key: seed})
    assert not run.exceptions, run.exceptions
    return tuple(run.texts)


def open_client(url: str, page: str) -> CraftedClient:
    client = CraftedClient(url, path=page)
    client.rerun()
    client.rerun()  # the first run hands over to app.py; now the widgets are known
    return client


def seeds_probe(server_cls, page: str, seeds: int, visitors: int = 8) -> dict[str, int]:
    seed_key = PAGES[page]
    with server_cls() as alone_server:
        client = open_client(alone_server.url, page)
        alone = {s: shown(client, seed_key, s) for s in range(seeds)}
        client.close()
    with server_cls() as shared:
        clients = [open_client(shared.url, page) for _ in range(visitors)]
        locks = [threading.Lock() for _ in clients]

        def visit(seed: int) -> tuple[int, tuple[str, ...]]:
            i = seed % visitors
            with locks[i]:  # one connection runs one script at a time
                return seed, shown(clients[i], seed_key, seed)

        with ThreadPoolExecutor(max_workers=visitors) as pool:
            together = dict(pool.map(visit, range(seeds)))
        for c in clients:
            c.close()
        later_client = open_client(shared.url, page)
        later = {s: shown(later_client, seed_key, s) for s in range(seeds)}
        later_client.close()
    return {"seeds": seeds, "visitors_at_once": visitors,
            "differ_at_once": sum(together[s] != alone[s] for s in range(seeds)),
            "differ_for_a_later_visitor": sum(later[s] != alone[s] for s in range(seeds))}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def oversized_probe(server_cls, attackers: int, size: int, reruns: int = 12) -> dict[str, float]:
    with server_cls() as server:
        stop = threading.Event()
        closed = [0]

        def attack() -> None:
            value = "가" * size
            while not stop.is_set():
                try:
                    client = open_client(server.url, "text_tensors")
                    while not stop.is_set():
                        client.rerun({"user_text": value}, timeout=120)
                except Exception:  # the server closed the connection: connect again
                    closed[0] += 1
                    time.sleep(0.2)

        threads = [threading.Thread(target=attack, daemon=True) for _ in range(attackers)]
        for th in threads:
            th.start()
        time.sleep(3 if attackers else 0)
        visitor = open_client(server.url, "text_tensors")
        times, peak = [], rss_mb(server.proc.pid)
        for i in range(reruns):
            times.append(visitor.rerun({"user_text": f"I go to school today {i}"}).seconds)
            peak = max(peak, rss_mb(server.proc.pid))
        visitor.close()
        stop.set()
    return {"crafted_clients": attackers, "value_chars": size,
            "ordinary_rerun_median_s": round(statistics.median(times), 3),
            "ordinary_rerun_max_s": round(max(times), 3), "server_rss_peak_mb": round(peak),
            "crafted_connections_closed": closed[0]}


def main() -> None:
    logging.getLogger("websockets").setLevel(logging.CRITICAL)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=48)
    parser.add_argument("--app-dir", type=Path, default=ROOT)
    args = parser.parse_args()
    app_dir = args.app_dir.resolve()

    def server_cls() -> LiveServer:
        server = LiveServer()
        server.script = str(app_dir / "app.py")
        server.cwd = app_dir
        return server

    results: dict[str, object] = {"app_dir": str(app_dir)}
    for page in PAGES:
        results[f"seeds_{page}"] = got = seeds_probe(server_cls, page, args.seeds)
        print(f"{page}: {got}", flush=True)
    results["oversized"] = []
    # 8,000,000 Hangul syllables are 24 MB of UTF-8, the reviewer's crafted value; 300,000 (0.9 MB)
    # is the largest under server.maxWidgetStateSize; 4 clients sending an ordinary 20-character
    # text rerun just as often, so they show what the rerun traffic itself costs.
    for attackers, size in ((0, 0), (1, 8_000_000), (4, 8_000_000), (4, 300_000), (4, 20)):
        got = oversized_probe(server_cls, attackers, size)
        results["oversized"].append(got)
        print(f"oversized: {got}", flush=True)
    out = ROOT / "bench" / "results" / "shared_server_probe.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
