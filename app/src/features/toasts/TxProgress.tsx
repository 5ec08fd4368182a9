import type { TxStep } from "../../lib/send";
import "./toasts.css";

const TEXT: Record<TxStep["status"], string> = {
  waiting: "waiting",
  signing: "waiting for your signature",
  sending: "sending",
  confirming: "confirming",
  confirmed: "confirmed",
  failed: "failed",
};

/** Per-transaction progress of a multi-transaction action ("Transaction 2 of 3: confirming"). */
export function TxProgress({ steps }: { steps: TxStep[] }) {
  if (steps.length < 2) return null;
  const done = steps.filter((step) => step.status === "confirmed").length;
  return (
    <div className="tx-progress">
      <progress max={steps.length} value={done} aria-label="Transactions confirmed">
        {done} of {steps.length}
      </progress>
      <ol>
        {steps.map((step, index) => (
          <li key={index} className={`step step-${step.status}`}>
            Transaction {index + 1} of {steps.length}: {TEXT[step.status]}
            {step.error && step.status === "failed" ? ` — ${step.error}` : ""}
          </li>
        ))}
      </ol>
    </div>
  );
}
