// Conformance smoke test of the real Metaplex Core program: the FreezeDelegate lifecycle our
// staking of Core assets relies on (a freeze authority other than the owner freezes the asset in
// place and later thaws it), driven by the official mpl-core client. Every account is created by
// the program.
import { strict as assert } from "assert";
import { Keypair } from "@solana/web3.js";
import type { Umi } from "@metaplex-foundation/umi";
import {
  addPlugin,
  create,
  createCollection,
  deserializeAssetV1,
  deserializeCollectionV1,
  getMplCoreErrorFromCode,
  transfer,
  updatePlugin,
  type AssetV1,
  type CollectionV1,
} from "@metaplex-foundation/mpl-core";
import { TestChain, type TxResult } from "@nft-staking/dev-kit";
import { recordComputeUnits } from "../utils/compute";
import { describeWithPrograms, loadPrograms, thirdPartyProgram } from "../utils/programs";
import { offlineUmi, rpcAccount, sendBuilder, signerOf, umiKey, unitsOf } from "./umi";

const CORE = thirdPartyProgram("mpl_core").programId;

describeWithPrograms(
  "Metaplex Core (real program): FreezeDelegate freeze / thaw",
  ["mpl_core"],
  () => {
    let chain: TestChain;
    let umi: Umi;
    let owner: Keypair;
    /** Stands in for the staking pool's authority: the freeze delegate, not the owner. */
    let freezer: Keypair;
    let receiver: Keypair;
    let collectionKeypair: Keypair;
    let assetKeypair: Keypair;

    before(() => {
      chain = new TestChain();
      loadPrograms(chain.svm, ["mpl_core"]);
      owner = chain.fundedKeypair();
      freezer = chain.fundedKeypair();
      receiver = chain.fundedKeypair();
      collectionKeypair = Keypair.generate();
      assetKeypair = Keypair.generate();
      umi = offlineUmi(owner);
    });

    /** Asserts success and records the Core instruction's compute units. */
    function run(label: string, result: TxResult): void {
      assert.ok(result.ok, `${label} failed: ${result.error}\n${result.logs.join("\n")}`);
      recordComputeUnits(`core ${label}`, unitsOf(result.logs, CORE));
    }

    const asset = (): AssetV1 =>
      deserializeAssetV1(rpcAccount(chain, umiKey(assetKeypair.publicKey)));
    const collection = (): CollectionV1 =>
      deserializeCollectionV1(rpcAccount(chain, umiKey(collectionKeypair.publicKey)));

    /** The owner's transfer of the asset to `receiver`, built from the decoded accounts. */
    const ownerTransfer = () =>
      transfer(umi, {
        asset: asset(),
        collection: collection(),
        newOwner: umiKey(receiver.publicKey),
      });

    /** The name the official client gives a failed transaction's Core error code. */
    const coreError = (result: TxResult): string | undefined =>
      result.customCode === undefined
        ? undefined
        : getMplCoreErrorFromCode(result.customCode, umi.programs.get("mplCore"))?.name;

    it("createCollection + create make a collection and an asset in it, owned by the owner", () => {
      run(
        "createCollection",
        sendBuilder(
          chain,
          createCollection(umi, {
            collection: signerOf(umi, collectionKeypair),
            name: "Staking collection",
            uri: "https://example.invalid/collection.json",
          }),
          [owner, collectionKeypair],
        ),
      );
      run(
        "create (asset in collection)",
        sendBuilder(
          chain,
          create(umi, {
            asset: signerOf(umi, assetKeypair),
            collection: collection(),
            name: "Staked asset",
            uri: "https://example.invalid/asset.json",
            owner: umiKey(owner.publicKey),
          }),
          [owner, assetKeypair],
        ),
      );
      const decoded = asset();
      assert.equal(decoded.owner, umiKey(owner.publicKey));
      assert.deepEqual(decoded.updateAuthority, {
        type: "Collection",
        address: umiKey(collectionKeypair.publicKey),
      });
      assert.equal(collection().currentSize, 1);
      assert.equal(decoded.freezeDelegate, undefined);
    });

    it("addPlugin by the owner adds a FreezeDelegate (frozen: false) whose authority is the freezer", () => {
      run(
        "addPlugin (FreezeDelegate)",
        sendBuilder(
          chain,
          addPlugin(umi, {
            asset: umiKey(assetKeypair.publicKey),
            collection: umiKey(collectionKeypair.publicKey),
            plugin: {
              type: "FreezeDelegate",
              frozen: false,
              authority: { type: "Address", address: umiKey(freezer.publicKey) },
            },
          }),
          [owner],
        ),
      );
      const plugin = asset().freezeDelegate;
      assert.ok(plugin, "the asset has a FreezeDelegate plugin");
      assert.equal(plugin.frozen, false);
      assert.deepEqual(plugin.authority, { type: "Address", address: umiKey(freezer.publicKey) });
    });

    it("updatePlugin signed by the freezer sets frozen: true", () => {
      run("updatePlugin (freeze)", sendBuilder(chain, setFrozen(freezer, true), [freezer]));
      assert.equal(asset().freezeDelegate?.frozen, true);
    });

    it("while frozen, the owner's transfer fails (InvalidAuthority) and its thaw fails (NoApprovals); the asset is unchanged", () => {
      const before = asset();

      const transferred = sendBuilder(chain, ownerTransfer(), [owner]);
      assert.equal(transferred.ok, false, "a frozen asset must not move");
      assert.equal(coreError(transferred), "InvalidAuthority");

      const thawed = sendBuilder(chain, setFrozen(owner, false), [owner]);
      assert.equal(thawed.ok, false, "only the freeze delegate may thaw");
      assert.equal(coreError(thawed), "NoApprovals");

      assert.deepEqual(asset(), before);
    });

    it("updatePlugin signed by the freezer sets frozen: false; then the owner can transfer", () => {
      run("updatePlugin (thaw)", sendBuilder(chain, setFrozen(freezer, false), [freezer]));
      assert.equal(asset().freezeDelegate?.frozen, false);

      run("transfer", sendBuilder(chain, ownerTransfer(), [owner]));
      assert.equal(asset().owner, umiKey(receiver.publicKey));
    });

    /** The FreezeDelegate update `signer` signs (and pays for). */
    function setFrozen(signer: Keypair, frozen: boolean) {
      const authority = signerOf(umi, signer);
      return updatePlugin(umi, {
        asset: umiKey(assetKeypair.publicKey),
        collection: umiKey(collectionKeypair.publicKey),
        plugin: { type: "FreezeDelegate", frozen },
        authority,
        payer: authority,
      });
    }
  },
);
