import assert from "assert";
import fs from "fs";
import os from "os";
import path from "path";
import type { Browser, Page } from "playwright-core";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Connection, PublicKey } from "@solana/web3.js";
import { PROGRAM_ID } from "@nft-staking/sdk";
import { launchChromium, openPage, screenshotDir } from "./browser";
import { connectDevWallet, demoAppConfig, demoChain, toastOutcome, type DemoChain } from "./demo";
import {
  buildApp,
  startLocalChain,
  startPreview,
  type LocalChainProcess,
  type Preview,
} from "./server";

const SCREENSHOTS = screenshotDir();
// Against a chain you started (APP_E2E_DATA_DIR + APP_E2E_RPC), or else one these tests start
// the way `npm start` does (fresh, temp data dir, free ports).
const DATA_DIR = process.env.APP_E2E_DATA_DIR;
const RPC_URL = process.env.APP_E2E_RPC ?? "http://127.0.0.1:8899";

async function expectConfirmed(page: Page, title: string | RegExp) {
  const outcome = await toastOutcome(page, title);
  assert.equal(outcome.status, "confirmed", outcome.text);
}

/**
 * The app against the local chain with the demo seeded, as `npm start` runs it. The flows change
 * the chain's state (they stake, claim, create a pool…), so by default they start a fresh one.
 */
describe("app flows on the local chain (chromium)", function () {
  this.timeout(240_000);
  let chain: DemoChain;
  let preview: Preview;
  let browser: Browser;

  let ownChain: LocalChainProcess | undefined;

  before(async function () {
    if (DATA_DIR) {
      chain = demoChain(path.resolve(DATA_DIR), RPC_URL);
    } else {
      ownChain = await startLocalChain();
      chain = demoChain(ownChain.dataDir, ownChain.rpcUrl);
    }
    buildApp();
    preview = await startPreview({ configFile: demoAppConfig(chain, PROGRAM_ID.toBase58()) });
    browser = await launchChromium();
  });

  afterEach(async function () {
    // On failure, keep what every open page showed (in the OS temp dir) for the log.
    if (this.currentTest?.state !== "failed" || !browser) return;
    const pages = browser.contexts().flatMap((context) => context.pages());
    for (const [index, page] of pages.entries()) {
      const file = path.join(os.tmpdir(), `app-flow-failure-${index}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      console.log(`      screenshot: ${file}`);
    }
  });

  after(async () => {
    await browser?.close();
    await preview?.close();
    await ownChain?.stop();
  });

  async function holderPage(options: { phone?: boolean } = {}) {
    const { page, errors } = await openPage(browser, options);
    const started = Date.now();
    await page.goto(preview.url);
    await connectDevWallet(page, "Local dev wallet");
    await page
      .getByRole("heading", { name: /^In your wallet \(\d+\)$/ })
      .waitFor({ timeout: 30_000 });
    await page.locator(".nft-card img").first().waitFor({ timeout: 30_000 });
    return { page, errors, nftsShownMs: Date.now() - started };
  }

  async function creatorPage(hash: string) {
    const { page } = await openPage(browser);
    await page.goto(`${preview.url}${hash}`);
    await connectDevWallet(page, "Local dev wallet (creator)");
    return page;
  }

  it("a holder stakes 3 NFTs, sees rewards tick, claims, redeems a perk and unstakes", async () => {
    const { page, nftsShownMs } = await holderPage();
    console.log(`      page load → NFTs shown: ${nftsShownMs} ms`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "holder-wallet.png"), fullPage: true });

    const stakedHeading = page.getByRole("heading", { name: /^Staked \(\d+\)$/ });
    const stakedBefore = (await stakedHeading.count())
      ? Number(/\d+/.exec((await stakedHeading.textContent()) ?? "")?.[0] ?? 0)
      : 0;
    const eligible = page.locator(".nft-card").filter({ hasText: "Eligible" });
    for (let i = 0; i < 3; i++) await eligible.nth(i).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Stake 3 NFTs" }).click();
    await expectConfirmed(page, "Stake 3 NFTs");
    await page.getByRole("heading", { name: `Staked (${stakedBefore + 3})` }).waitFor();

    const pending = page.getByTestId("pending-0");
    const before = await pending.textContent();
    await page.waitForTimeout(2_500);
    assert.notEqual(await pending.textContent(), before, "the pending reward ticks");

    // The demo wallet has no reward token accounts: the claim creates them (the real ATA
    // program runs on the local chain), with no separate "Create … account" step.
    const connection = new Connection(chain.rpcUrl, "confirmed");
    const rewardAtas = chain.rewardMints.map((mint) =>
      getAssociatedTokenAddressSync(new PublicKey(mint), new PublicKey(chain.wallet)),
    );
    const missingBefore = (await connection.getMultipleAccountsInfo(rewardAtas)).filter(
      (account) => account === null,
    ).length;
    await page.getByRole("button", { name: "Claim", exact: true }).waitFor();
    assert.equal(await page.getByRole("button", { name: /^Create .* account$/ }).count(), 0);
    await page.getByRole("button", { name: "Claim", exact: true }).click();
    await expectConfirmed(page, "Claim rewards");
    const created = await connection.getMultipleAccountsInfo(rewardAtas);
    assert.ok(
      created.every((account) => account !== null),
      "the claim created the reward ATAs",
    );
    console.log(`      reward ATAs created by the claim: ${missingBefore}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, "holder-staked.png"), fullPage: true });

    // The demo perks cost a day of weight: the creator adds a cheap one for the test.
    const creator = await creatorPage(`#/creator?pool=${chain.pool}`);
    const perkName = `Test sticker ${Date.now() % 100_000}`;
    await creator.getByLabel("Name", { exact: true }).fill(perkName);
    await creator.getByLabel(/Cost in points/).fill("10");
    await creator.getByRole("button", { name: "Create perk" }).click();
    await expectConfirmed(creator, /Create perk/);
    await creator.screenshot({ path: path.join(SCREENSHOTS, "creator-pool.png"), fullPage: true });
    await creator.context().close();

    await page.reload();
    await page.getByRole("button", { name: `Redeem ${perkName}` }).click();
    await expectConfirmed(page, `Redeem ${perkName}`);
    await page.getByTestId("receipts").filter({ hasText: perkName }).waitFor();

    await page.getByRole("button", { name: /^Unstake all/ }).click();
    await expectConfirmed(page, `Unstake ${stakedBefore + 3} NFTs`);
    await page.getByRole("heading", { name: /^Staked/ }).waitFor({ state: "detached" });
    const history = page.locator("table.history");
    await history.getByText("Claimed").first().waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download CSV" }).click();
    const csv = fs.readFileSync((await (await download).path())!, "utf8");
    assert.match(csv, /^time_utc,event,/);
    assert.match(csv, /Claimed/);
  });

  it("a creator creates a pool from a tier CSV and funds it", async () => {
    const page = await creatorPage("#/creator?new=1");
    await page.getByLabel(/Collection mint/).fill(chain.collection);
    await page
      .getByLabel("Tier list (CSV of mint,tier)")
      .setInputFiles(path.join(chain.dataDir, "demo-tiers.csv"));
    const preview = page.getByTestId("tier-preview");
    await preview.waitFor();
    assert.match((await preview.textContent()) ?? "", /36 NFTs/);
    for (const [tier, weight] of [
      [0, "1"],
      [1, "3"],
      [2, "10"],
    ] as const) {
      await page.getByLabel(`Tier ${tier} weight`).fill(weight);
    }
    await page.getByRole("button", { name: "Add lock option" }).click();
    await page.getByRole("button", { name: "Create pool" }).click();
    await expectConfirmed(page, "Create pool");
    await page.getByRole("heading", { name: "Reward streams" }).waitFor();

    await page.getByLabel("Reward token mint").fill(chain.rewardMints[0]!);
    await page.getByLabel(/Tokens per day/).fill("5");
    // 5 a day is not whole base units a second: the form says what holders really get and
    // waits for the creator to accept it before signing (issue 12, 2b).
    const exact = page.getByRole("status").filter({ hasText: "Holders get exactly" });
    assert.match((await exact.textContent()) ?? "", /4\.9248 a day/);
    assert.equal(await page.getByRole("button", { name: "Add stream" }).isDisabled(), true);
    await page.getByLabel(/Add it at 4\.9248 a day/).check();
    await page.getByRole("button", { name: "Add stream" }).click();
    await expectConfirmed(page, /Add reward stream/);
    await page.getByLabel(/Amount of .* to fund stream 0/).fill("1000");
    await page.getByRole("button", { name: "Fund", exact: true }).click();
    await expectConfirmed(page, /Fund .* with 1,000/);
    await page.getByTestId("runway-0").filter({ hasNotText: "Ended" }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, "creator-new-pool.png"), fullPage: true });
  });

  it("staking while the pool is paused shows the program's message", async () => {
    const { page } = await holderPage({ phone: true });
    const creator = await creatorPage(`#/creator?pool=${chain.pool}`);
    await creator.getByRole("button", { name: "Pause staking and claiming" }).click();
    await expectConfirmed(creator, "Pause the pool");
    try {
      // The holder's page still shows the pool as running (it refreshes every 20 s).
      await page
        .locator(".nft-card")
        .filter({ hasText: "Eligible" })
        .first()
        .getByRole("checkbox")
        .check();
      await page.getByRole("button", { name: "Stake 1 NFT" }).click();
      const outcome = await toastOutcome(page, "Stake 1 NFT");
      assert.equal(outcome.status, "failed");
      assert.match(outcome.text, /The pool is paused: staking and claiming are stopped/);
      await page.screenshot({
        path: path.join(SCREENSHOTS, "holder-paused-phone.png"),
        fullPage: true,
      });
    } finally {
      await creator.getByRole("button", { name: "Resume staking and claiming" }).click();
      await expectConfirmed(creator, "Resume the pool");
    }
  });
});
