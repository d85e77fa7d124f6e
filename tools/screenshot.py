"""A picture of an HTML page as a browser shows it (headless Chromium): for the README.

usage: python tools/screenshot.py PAGE.html OUT.png [WIDTH HEIGHT]
"""

import sys
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

page, out = Path(sys.argv[1]).resolve(), Path(sys.argv[2])
width, height = (int(v) for v in sys.argv[3:5]) if len(sys.argv) > 4 else (900, 1000)
options = Options()
for flag in (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    browser.set_window_size(width, height)
    browser.get(page.as_uri())
    browser.save_screenshot(str(out))
finally:
    browser.quit()
