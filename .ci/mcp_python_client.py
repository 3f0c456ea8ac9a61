"""Cross-implementation check: the official Python MCP client (PyPI `mcp`) drives the
`shopmcp-server` binary over stdio and over streamable HTTP, against the sandbox store.

Usage: mcp_python_client.py <shopmcp-server binary> <sandbox_store binary>
Prints one line per check and a closing "N passed, N failed" line; exits non-zero on failure.
"""

import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time

import httpx2
from mcp import Client
from mcp.client.stdio import StdioServerParameters
from mcp.client.streamable_http import streamable_http_client

WORKSPACE = "3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
passed = 0
failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(server, cfg, args, stdin=""):
    return subprocess.run([server, "--config", cfg, *args], input=stdin, capture_output=True, text=True, check=True)


async def exercise(client, label):
    tools = (await client.list_tools()).tools
    names = {t.name for t in tools}
    check(f"{label}: tools/list has the read tools", "neto_items_list" in names and "neto_orders_list" in names, str(sorted(names)))
    check(f"{label}: no write tool while read-only", "neto_items_update" not in names)
    ok = await client.call_tool("neto_items_list", {})
    check(f"{label}: a read tool answers", not ok.is_error and "LSD" in str(ok.structured_content), str(ok))
    bad = await client.call_tool("neto_items_list", {"limit": "many", "password": "x"})
    text = " ".join(getattr(c, "text", "") for c in bad.content)
    check(f"{label}: invalid input is an isError result", bad.is_error and "password" in text, text)


async def main(server, sandbox_bin):
    sandbox = subprocess.Popen([sandbox_bin], stdout=subprocess.PIPE, text=True)
    try:
        sandbox_url = sandbox.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            port = free_port()
            cfg = os.path.join(tmp, "shopmcp.toml")
            with open(cfg, "w") as f:
                f.write(
                    f'[http]\nbind = "127.0.0.1:{port}"\n\n'
                    f'[[workspace]]\nid = "{WORKSPACE}"\nname = "sandbox"\n'
                    f'neto = {{ base_url = "https://sandbox.invalid", sandbox_endpoint = "{sandbox_url}" }}\n'
                )
            run(server, cfg, ["connect", "--workspace", "sandbox", "--platform", "neto", "--kind", "api_key"], "sandbox-key\n\n")
            out = run(server, cfg, ["token", "create", "--workspace", "sandbox"]).stdout
            token = next(line for line in out.splitlines() if line.startswith("smcp_"))

            # stdio
            params = StdioServerParameters(command=server, args=["--config", cfg, "serve", "--stdio"])
            async with Client(params, mode="legacy") as client:
                await exercise(client, "stdio")

            # streamable HTTP, both protocol eras
            proc = subprocess.Popen([server, "--config", cfg, "serve"], stderr=subprocess.DEVNULL)
            try:
                deadline = time.time() + 60
                while time.time() < deadline:
                    try:
                        socket.create_connection(("127.0.0.1", port), timeout=1).close()
                        break
                    except OSError:
                        time.sleep(0.2)
                url = f"http://127.0.0.1:{port}/mcp"
                for mode in ("auto", "legacy"):
                    http = httpx2.AsyncClient(headers={"Authorization": f"Bearer {token}"})
                    async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
                        await exercise(client, f"http {mode}")
                for mode in ("auto", "legacy"):
                    statuses = []

                    async def record(response, statuses=statuses):
                        statuses.append(response.status_code)

                    http = httpx2.AsyncClient(
                        headers={"Authorization": "Bearer smcp_0000000000000000_" + "0" * 64},
                        event_hooks={"response": [record]},
                    )
                    raised = False
                    try:
                        async with Client(streamable_http_client(url, http_client=http), mode=mode) as client:
                            await client.list_tools()
                    except BaseException:  # the client surfaces the refusal as an exception group
                        raised = True
                    check(f"http {mode}: a bad token is refused with 401", raised and 401 in statuses and 200 not in statuses, str(statuses))
            finally:
                proc.terminate()
                proc.wait(timeout=10)
    finally:
        sandbox.terminate()
        sandbox.wait(timeout=10)
    print(f"python-mcp-client: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1], sys.argv[2])))
