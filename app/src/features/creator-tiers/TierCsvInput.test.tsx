import { describe, expect, it } from "vitest";
import { useState } from "react";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { Keypair } from "@solana/web3.js";
import { TierCsvInput } from "./TierCsvInput";

function Harness() {
  const [csv, setCsv] = useState("");
  return <TierCsvInput value={csv} onChange={setCsv} tierNames={["Common", "Rare", "Legendary"]} />;
}

const rows = [0, 0, 0, 1, 1, 2].map((tier) => `${Keypair.generate().publicKey.toBase58()},${tier}`);

describe("TierCsvInput", () => {
  it("previews the counts per tier of an uploaded CSV", async () => {
    render(<Harness />);
    const file = new File([`mint,tier\n${rows.join("\n")}\n`], "tiers.csv", { type: "text/csv" });
    fireEvent.change(screen.getByLabelText("Tier list (CSV of mint,tier)"), {
      target: { files: [file] },
    });
    const preview = await screen.findByTestId("tier-preview");
    expect(preview.textContent).toContain("6 NFTs");
    const cells = Array.from(preview.querySelectorAll("tbody tr")).map((row) => row.textContent);
    expect(cells).toEqual(["0 (Common)3", "1 (Rare)2", "2 (Legendary)1"]);
    expect(preview.querySelector("code.root")?.textContent).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the line of a bad entry", async () => {
    render(<Harness />);
    fireEvent.change(screen.getByLabelText("Tier CSV text"), {
      target: { value: `mint,tier\n${rows[0]}\nnot-a-mint,1\n` },
    });
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("line 3"));
  });
});
