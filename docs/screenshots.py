"""Take the README's screenshots from the real app (run: .venv/bin/python docs/screenshots.py).

Starts the app on a fresh database (the Medellín sample), drives Debian's Chromium and
writes PNGs next to this file.
"""

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
PORT = 8599


def some_changes(url: str) -> None:
    """An edit with a changed e-mail and a deletion, as a colleague would make them."""
    sys.path.insert(0, str(ROOT))
    from toolkit.store import open_store
    from toolkit.store.edits import Edit
    from toolkit.store.register import delete_actors, list_actors, save_actor_edits
    from toolkit.store.workspaces import list_workspaces

    engine = open_store(url)
    workspace = list_workspaces(engine)[0].id
    first, second, third = list_actors(engine, workspace)[:3]
    save_actor_edits(
        engine,
        workspace,
        [Edit(first.id, first.version, {"influence": 5, "stance": 2, "email": "relaciones@ejemplo.gov.co"})],
    )
    save_actor_edits(engine, workspace, [Edit(second.id, second.version, {"interest": 4})])
    delete_actors(engine, workspace, [third.id])
    engine.dispose()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder}/shots.db"}
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.port",
                str(PORT),
                "--server.address",
                "127.0.0.1",
                "--browser.gatherUsageStats",
                "false",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{PORT}/_stcore/health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                    ],
                )
                page = browser.new_page(viewport={"width": 1400, "height": 900}, locale="es-ES")
                for path, name, wait_for in (
                    ("", "home", "Primeros pasos"),
                    ("actores", "actors", "Se muestran"),
                    ("ajustes", "settings", "Listas del espacio de trabajo"),
                    ("hoja-de-ruta", "roadmap", "De un vistazo"),
                    ("indicadores", "indicators", "Institucional"),
                    ("informes", "reports", "Preparar el informe"),
                ):
                    page.goto(f"http://127.0.0.1:{PORT}/{path}")
                    page.get_by_text(wait_for).first.wait_for(timeout=60_000)
                    page.wait_for_timeout(2500)
                    page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
                page.goto(f"http://127.0.0.1:{PORT}/mapa")
                page.get_by_text("Se muestran").wait_for(timeout=60_000)
                page.frame_locator("iframe").first.locator("body[data-drawn]").wait_for(
                    timeout=60_000, state="attached"
                )
                page.wait_for_timeout(1500)
                page.locator("iframe").first.scroll_into_view_if_needed()
                page.screenshot(path=str(ROOT / "docs" / "map.png"))
                for tab, name in (("Qué dice el mapa", "findings"), ("Matriz poder-interés", "grid")):
                    page.get_by_role("tab", name=tab).click()
                    page.wait_for_timeout(4000)
                    page.screenshot(path=str(ROOT / "docs" / f"{name}.png"))
                page.goto(f"http://127.0.0.1:{PORT}/consultas")
                page.wait_for_timeout(6000)
                page.screenshot(path=str(ROOT / "docs" / "consultations.png"))
                page.goto(f"http://127.0.0.1:{PORT}/actores")
                page.get_by_role("tab", name="Importar desde Excel").click()
                page.locator("input[type=file]").set_input_files(str(ROOT / "docs" / "ejemplo_lista.xlsx"))
                page.get_by_text("Paso 7").wait_for(timeout=60_000)
                page.get_by_text("Paso 5").scroll_into_view_if_needed()
                page.wait_for_timeout(2000)
                page.screenshot(path=str(ROOT / "docs" / "import.png"), full_page=True)
                some_changes(env["DATABASE_URL"])  # so the activity feed has something to tell
                page.goto(f"http://127.0.0.1:{PORT}/actividad")
                page.get_by_text("cambios.").first.wait_for(timeout=60_000)
                page.wait_for_timeout(2500)
                page.screenshot(path=str(ROOT / "docs" / "activity.png"))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()
