#!/usr/bin/env python3
"""Runs SQL statements on the modern ClickHouse engine embedded in PyPI's chdb (no server).

Input (stdin): JSON {"database": str, "statements": [{"name": str, "sql": str}, ...]}.
Output (stdout): JSON [{"name": str, "ok": bool, "error": str | null}, ...] and the engine version.
Statements run in order in one session, in `database`, so DDL is visible to the queries after it.
"""
import json
import sys
import tempfile

try:
    import chdb
    from chdb import session
except ImportError:
    print(json.dumps({"error": "chdb not installed: pip install chdb"}))
    sys.exit(3)


def main() -> None:
    request = json.load(sys.stdin)
    results = []
    with tempfile.TemporaryDirectory() as path:
        sess = session.Session(path)
        version = sess.query("SELECT version()", "CSV").data().strip().strip('"')
        database = request["database"]
        sess.query(f"CREATE DATABASE IF NOT EXISTS {database}")
        sess.query(f"USE {database}")
        for stmt in request["statements"]:
            try:
                sess.query(stmt["sql"], "JSONEachRow")
                results.append({"name": stmt["name"], "ok": True, "error": None})
            except Exception as exc:  # chdb raises its own error type per failing statement
                results.append({"name": stmt["name"], "ok": False, "error": str(exc)[:2000]})
        sess.close()
    print(json.dumps({"engine": f"chdb {chdb.__version__} (ClickHouse {version})", "results": results}))


if __name__ == "__main__":
    main()
