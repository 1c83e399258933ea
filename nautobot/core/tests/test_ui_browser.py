"""The web UI in a real headless browser (Debian's chromium + chromedriver, driven by Selenium).

One user story per test, against a live server; screenshots of the main pages go to `artifacts/ui/`
(git-ignored) so a person can look at them.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

from nautobot.core.testing.processes import wait_for
from nautobot.core.tests import builders as b
from nautobot.users.models import ObjectPermission

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "ui"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
def browser():
    assert os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER), (
        "install Debian's chromium and chromium-driver (scripts/test does)"
    )
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--disable-gpu",
    ):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


class Page:
    """Small helpers over the driver: go, fill, click, wait, screenshot."""

    def __init__(self, driver, base_url: str) -> None:
        self.driver, self.base = driver, base_url

    def go(self, path: str) -> None:
        self.driver.get(self.base + path)

    def wait(self, css: str, timeout: float = 10):
        return WebDriverWait(self.driver, timeout).until(EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def fill(self, name: str, value: str) -> None:
        element = self.driver.find_element(By.NAME, name)
        element.clear()
        element.send_keys(value)

    def click(self, css: str) -> None:
        element = self.driver.find_element(By.CSS_SELECTOR, css)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
        element.click()

    def choose(self, name: str, text: str) -> None:
        """Pick `text` in the API-backed chooser of field `name` (types it, waits for the API's answer) and wait
        until the form's own select holds it. On a loaded machine the API's answer can re-draw the options just
        as one is clicked, and the click selects nothing (CI once saved the form without its device type):
        the pick is then made again, at most three times."""
        select = self.driver.find_element(By.CSS_SELECTOR, f"select[name={name}]")
        wrapper = self.driver.find_element(By.CSS_SELECTOR, f"select[name={name}] + .ts-wrapper")

        def chosen(_driver) -> bool:
            return any(text in o.text for o in Select(select).all_selected_options if o.get_attribute("value"))

        for _attempt in range(3):
            wrapper.find_element(By.CSS_SELECTOR, ".ts-control").click()
            field = wrapper.find_element(By.CSS_SELECTOR, "input")
            field.clear()
            field.send_keys(text)
            try:
                option = WebDriverWait(self.driver, 10).until(
                    lambda d: next(
                        (o for o in wrapper.find_elements(By.CSS_SELECTOR, ".ts-dropdown .option") if text in o.text),
                        None,
                    )
                )
                option.click()
                WebDriverWait(self.driver, 3).until(chosen)
                return
            except (TimeoutException, StaleElementReferenceException):
                continue
        raise AssertionError(f"could not choose {text!r} in {name}")

    def tab(self, label: str) -> None:
        """Open the detail page's tab `label`."""
        self.driver.find_element(By.XPATH, f"//ul[contains(@class,'nav-tabs')]//a[normalize-space()='{label}']").click()

    def text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def shot(self, name: str) -> None:
        self.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))

    def login(self, username: str, password: str) -> None:
        if "/login/" not in self.driver.current_url:
            self.go("/login/")
        self.fill("username", username)
        self.fill("password", password)
        self.click("button[type=submit]")
        self.wait("#user-menu")


def test_engineer_day(browser, live_server, django_user_model):
    django_user_model.objects.create_superuser("engineer", "e@example.com", "pw")
    from nautobot.dcim.models import DeviceRole, DeviceType, InterfaceTemplate, Site

    device_type = DeviceType.objects.create(manufacturer=b.manufacturer(), model="QFX5120", slug="qfx5120")
    for name in ("et-0/0/0", "et-0/0/1", "em0"):
        InterfaceTemplate.objects.create(device_type=device_type, name=name, type="1000base-t")
    DeviceRole.objects.create(name="leaf", slug="leaf")
    page = Page(browser, live_server.url)

    page.go("/dcim/sites/")
    page.wait("#id_username")
    page.shot("01-login")
    page.login("engineer", "pw")
    assert browser.current_url.endswith("/dcim/sites/")

    page.go("/dcim/sites/add/")
    page.fill("name", "Paris DC1")
    page.fill("slug", "paris-dc1")
    Select(browser.find_element(By.NAME, "status")).select_by_visible_text("Active")
    page.shot("02-site-form")
    page.click("#save-button")
    page.wait(".detail-table")
    assert "Paris DC1" in page.text()
    page.shot("03-site-detail")

    page.go("/dcim/sites/add/")
    page.fill("name", "Paris DC1")
    page.fill("slug", "paris-dc1")
    Select(browser.find_element(By.NAME, "status")).select_by_visible_text("Active")
    page.click("#save-button")
    error = page.wait(".field-error")
    assert "exists" in error.text
    page.shot("04-validation-error")

    page.go("/dcim/devices/add/")
    page.fill("name", "leaf-01")
    page.choose("device_type", "QFX5120")
    page.choose("device_role", "leaf")
    page.choose("site", "Paris DC1")
    Select(browser.find_element(By.NAME, "status")).select_by_visible_text("Active")
    page.shot("05-device-form")
    page.click("#save-button")
    page.wait(".detail-table")
    assert "leaf-01" in page.text() and "QFX5120" in page.text() and "et-0/0/1" in page.text()
    page.shot("06-device-detail")
    browser.find_element(By.LINK_TEXT, "Change log").click()
    assert "engineer" in page.wait("#changelog").text
    page.shot("06b-device-changelog")

    for name in ("Lyon DC2", "Berlin DC3"):
        Site.objects.create(name=name, slug=name.lower().replace(" ", "-"), status=b.status())
    page.go("/dcim/sites/")
    page.wait("#quick-search").send_keys("Lyon")
    WebDriverWait(browser, 10).until(lambda d: "Paris DC1" not in d.find_element(By.ID, "object-table").text)
    table = browser.find_element(By.ID, "object-table").text
    assert "Lyon DC2" in table and "Berlin DC3" not in table
    assert "q=Lyon" in browser.current_url
    page.shot("07-site-list-filtered")

    page.go("/dcim/sites/?q=DC")
    page.wait("input.toggle-all").click()
    page.click("#bulk-delete")
    assert "leaf-01" in page.wait("#protected-objects").text  # a site with devices cannot go
    assert not browser.find_elements(By.CSS_SELECTOR, "#confirm-bulk-delete")
    page.shot("08-bulk-delete-blocked")

    page.go("/dcim/devices/")
    page.driver.find_element(By.LINK_TEXT, "leaf-01").click()
    page.wait("#delete-button").click()
    page.wait("#confirm-delete").click()
    page.wait(".alert-success")

    page.go("/dcim/sites/?q=DC")
    page.wait("input.toggle-all").click()
    page.click("#bulk-delete")
    page.wait("#confirm-bulk-delete")
    page.shot("09-bulk-delete-confirm")
    page.click("#confirm-bulk-delete")
    page.wait(".alert-success")
    assert "Deleted 3 sites" in page.text()
    assert not Site.objects.exists()

    page.go("/")
    page.click("#theme-toggle")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-bs-theme") == "dark"
    # The choice is saved as the user's preference: it applies in a browser that remembers nothing.
    engineer = django_user_model.objects.get(username="engineer")
    wait_for(lambda: engineer.refresh_from_db() or engineer.get_config("ui.theme") == "dark", what="the theme saved")
    browser.execute_script("localStorage.clear()")
    page.go("/")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("data-bs-theme") == "dark"
    page.shot("10-home-dark")
    page.click("#theme-toggle")
    page.shot("11-home-light")

    page.click("#user-menu")
    page.wait("#logout").click()
    page.wait("#id_username")
    page.go("/dcim/sites/")
    assert "/login/" in browser.current_url


def test_read_only_user_sees_no_edit_buttons_and_gets_403(browser, live_server, django_user_model):
    user = django_user_model.objects.create_user("viewer", "v@example.com", "pw")
    from nautobot.dcim.models import Site

    site = Site.objects.create(name="Visible site", slug="visible-site", status=b.status())
    grant = ObjectPermission.objects.create(name="view sites", actions=["view"])
    grant.object_types.add(ContentType.objects.get(app_label="dcim", model="site"))
    grant.users.add(user)
    page = Page(browser, live_server.url)
    page.login("viewer", "pw")

    page.go("/dcim/sites/")
    page.wait("#object-table")
    assert "Visible site" in page.text()
    assert not browser.find_elements(By.CSS_SELECTOR, "#add-button, #bulk-delete, #bulk-edit, input[name=pk]")
    page.shot("12-read-only-list")
    page.go(f"/dcim/sites/{site.pk}/")
    page.wait(".detail-table")
    assert not browser.find_elements(By.CSS_SELECTOR, "#edit-button, #delete-button")

    page.go(f"/dcim/sites/{site.pk}/edit/")
    assert "Access denied" in page.wait("#access-denied").text
    page.shot("13-forbidden")
    page.go("/dcim/devices/")
    assert page.wait("#access-denied")


def test_custom_fields_config_context_and_prefix_hierarchy(browser, live_server, django_user_model):
    """A device form with custom fields (a bad value refused beside the field), the device's config context tab,
    and a prefix's hierarchy and addresses with the free space between them."""
    django_user_model.objects.create_superuser("netops", "n@example.com", "pw")
    from nautobot.dcim.models import DeviceRole, DeviceType, Site
    from nautobot.extras.models import ConfigContext, CustomFieldChoice
    from nautobot.ipam.models import IPAddress, Prefix

    DeviceType.objects.create(manufacturer=b.manufacturer(), model="MX204", slug="mx204")
    DeviceRole.objects.create(name="edge", slug="edge")
    site = Site.objects.create(name="Lyon DC2", slug="lyon-dc2", status=b.status())
    b.custom_field("dcim.device", name="rack_units", type="integer", validation_maximum=48, label="Rack units")
    tier = b.custom_field("dcim.device", name="support_tier", type="select", label="Support tier", default="silver")
    for value in ("gold", "silver"):
        CustomFieldChoice.objects.create(field=tier, value=value)
    b.custom_field("dcim.device", name="in_service", type="boolean", label="In service")
    b.custom_field("dcim.device", name="commissioned", type="date", label="Commissioned")
    global_context = ConfigContext.objects.create(name="global-ntp", weight=100, data={"ntp": ["192.0.2.123"]})
    site_context = ConfigContext.objects.create(
        name="lyon-syslog", weight=200, data={"syslog": {"host": "192.0.2.51"}, "ntp": ["192.0.2.1"]}
    )
    site_context.sites.set([site])
    assert global_context.pk
    page = Page(browser, live_server.url)
    page.login("netops", "pw")

    page.go("/dcim/devices/add/")
    page.fill("name", "edge-01")
    page.choose("device_type", "MX204")
    page.choose("device_role", "edge")
    page.choose("site", "Lyon DC2")
    Select(browser.find_element(By.NAME, "status")).select_by_visible_text("Active")
    assert Select(browser.find_element(By.NAME, "cf_support_tier")).first_selected_option.text == "silver"  # default
    page.fill("cf_rack_units", "99")
    commissioned = browser.find_element(By.NAME, "cf_commissioned")
    assert commissioned.get_attribute("type") == "date"
    browser.execute_script("arguments[0].value = '2024-05-01'", commissioned)  # what the date picker sets
    page.click("#save-button")
    error = page.wait(".field-error")
    assert "must not exceed 48" in error.text
    field = browser.find_element(By.NAME, "cf_rack_units")
    assert (
        field.find_element(By.XPATH, "ancestor::div[contains(@class,'row')][1]").text.count("must not exceed 48") == 1
    )
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", error)
    page.shot("14-device-form-custom-field-error")
    page.fill("cf_rack_units", "2")
    Select(browser.find_element(By.NAME, "cf_support_tier")).select_by_visible_text("gold")
    Select(browser.find_element(By.NAME, "cf_in_service")).select_by_visible_text("Yes")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", field)
    page.shot("15-device-form-custom-fields")
    page.click("#save-button")
    page.wait(".detail-table")
    text = page.text()
    assert "edge-01" in text and "Rack units" in text and "gold" in text
    from nautobot.dcim.models import Device

    device = Device.objects.get(name="edge-01")
    assert device._custom_field_data["rack_units"] == 2 and device._custom_field_data["in_service"] is True
    assert device._custom_field_data["commissioned"] == "2024-05-01"

    page.tab("Config context")
    rendered = page.wait("#rendered-context").text
    assert '"192.0.2.1"' in rendered and '"192.0.2.51"' in rendered and "192.0.2.123" not in rendered
    sources = [e.text.split() for e in browser.find_elements(By.CSS_SELECTOR, ".source-context .accordion-button")]
    assert sources == [["100", "global-ntp"], ["200", "lyon-syslog"]]
    page.shot("16-device-config-context")
    # The Advanced tab: from another tab it opens the device's page at its pane; there the tabs switch in place.
    page.tab("Advanced")
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "advanced").is_displayed())
    assert browser.current_url.endswith(f"/dcim/devices/{device.pk}/#advanced")
    assert str(device.pk) in browser.find_element(By.ID, "advanced").text
    assert not browser.find_element(By.ID, "main").is_displayed()
    page.shot("16b-device-advanced")
    page.tab("Details")
    assert browser.find_element(By.ID, "main").is_displayed()
    assert not browser.find_element(By.ID, "advanced").is_displayed()
    assert browser.current_url.endswith(f"/dcim/devices/{device.pk}/#main")

    container = Prefix.objects.create(prefix="10.60.0.0/16", status=b.status("container"), site=site)
    for network in ("10.60.0.0/24", "10.60.1.0/24", "10.60.1.0/26", "10.60.4.0/22", "10.60.32.0/19"):
        Prefix.objects.create(prefix=network, status=b.status("active"))
    lan = Prefix.objects.get(network="10.60.0.0", prefix_length=24)
    for host in (1, 2, 3, 10, 11, 254):
        IPAddress.objects.create(address=f"10.60.0.{host}/24", status=b.status("active"), dns_name=f"host{host}.lyon")
    page.go(f"/ipam/prefixes/{container.pk}/")
    assert "%" in page.wait(".utilization").text
    page.tab("Prefixes")
    tree = page.wait(".prefix-tree").text
    assert "10.60.1.0/26" in tree and "10.60.2.0/23" in tree and "Available" in tree
    page.shot("17-prefix-hierarchy")
    page.click("a.available-prefix[href*='10.60.2.0']")
    assert page.wait("input[name=prefix]").get_attribute("value") == "10.60.2.0/23"
    page.go(f"/ipam/prefixes/{lan.pk}/")
    page.tab("IP addresses")
    addresses = page.wait(".address-list").text
    assert "10.60.0.3/24" in addresses and "6 IPs available" in addresses and "242 IPs available" in addresses
    page.shot("18-prefix-ip-addresses")
