import assert from "assert";
import path from "path";
import type { Browser } from "playwright-core";
import { launchChromium, openPage, screenshotDir } from "./browser";
import { buildApp, startPreview, type Preview } from "./server";

const SCREENSHOTS = screenshotDir();

// No chain needed: the production bundle renders, offers to connect a wallet, and works at
// phone width.
describe("app smoke (production build in chromium)", function () {
  this.timeout(120_000);
  let preview: Preview;
  let browser: Browser;

  before(async () => {
    buildApp();
    preview = await startPreview();
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await preview?.close();
  });

  it("renders the holder page with a Connect button", async () => {
    const { page, errors } = await openPage(browser);
    await page.goto(preview.url);
    await page
      .getByRole("button", { name: /Connect/ })
      .first()
      .waitFor();
    assert.ok(
      await page.getByRole("heading", { name: "Stake your NFTs, earn rewards" }).isVisible(),
    );
    assert.ok(await page.getByRole("link", { name: "Creator" }).isVisible());
    await page.screenshot({ path: path.join(SCREENSHOTS, "smoke-holder.png"), fullPage: true });
    assert.deepEqual(
      errors.filter((error) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(error)),
      [],
    );
  });

  it("fits a phone-width screen", async () => {
    const { page } = await openPage(browser, { phone: true });
    await page.goto(`${preview.url}#/creator`);
    await page.getByRole("heading", { name: "Creator" }).waitFor();
    // A string runs in the page (the tests' tsconfig has no DOM types).
    const overflow = Number(
      await page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      ),
    );
    assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
    await page.screenshot({
      path: path.join(SCREENSHOTS, "smoke-creator-phone.png"),
      fullPage: true,
    });
  });
});
