"""scripts/load at a smaller size: no failure, memory steady after warm-up.

Latency is reported by the script, never asserted here (the machine is shared).
"""

import json
import subprocess
import sys

from support import ROOT


def test_load_has_no_failure_and_memory_stays_within_10_percent(tmp_path):
    report = tmp_path / "load.json"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "load"), "--requests", "120",
                             "--clients", "8", "--report", str(report)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(report.read_text())
    assert figures["requests"] == 120 and figures["failures"] == 0
    assert figures["rss_growth_pct"] <= 10
    # The run measured what it claims: real pages, some cache hits but mostly fresh work.
    assert {"news-article", "french-article"} <= set(figures["pages"])
    assert 0 < figures["cached"] < figures["requests"] // 2
    assert figures["rss_mb_after_warmup"] > 100 and figures["latency_ms_p95"] > 0
