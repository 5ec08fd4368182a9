import { useCallback, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useWallet } from "@solana/wallet-adapter-react";
import type { Transaction } from "@solana/web3.js";
import { explorerTxUrl } from "../../config/config";
import { useChain } from "../../hooks/useChain";
import { sendTransactions, type PreparedTransaction, type TxStep } from "../../lib/send";
import { describeError } from "../../lib/txErrors";
import { shortAddress } from "../../lib/format";
import { useToasts, type ToastStatus } from "./ToastProvider";

export interface SendRequest {
  /** What the user did, e.g. "Stake 3 NFTs" (toast title). */
  label: string;
  /** Builds the transactions when the user confirms (errors become a failed toast). */
  build: () => Promise<(Transaction | PreparedTransaction)[]>;
  onSuccess?: (signatures: string[]) => void;
}

const TOAST_STATUS: Record<TxStep["status"], ToastStatus> = {
  waiting: "pending",
  signing: "pending",
  sending: "pending",
  confirming: "sent",
  confirmed: "confirmed",
  failed: "failed",
};

const STEP_MESSAGE: Record<TxStep["status"], string> = {
  waiting: "Waiting…",
  signing: "Approve in your wallet…",
  sending: "Sending…",
  confirming: "Sent, waiting for confirmation…",
  confirmed: "Confirmed",
  failed: "Failed",
};

/**
 * Sends what `build` returns with a toast per transaction (sent → confirmed/failed, the
 * program's own error message, an explorer link on public clusters) and per-transaction
 * progress for the caller; refreshes all chain data afterwards.
 */
export function useSendTransactions() {
  const wallet = useWallet();
  const { connection, config } = useChain();
  const toasts = useToasts();
  const queryClient = useQueryClient();
  const [steps, setSteps] = useState<TxStep[]>([]);

  const mutation = useMutation({
    mutationFn: async (request: SendRequest) => {
      let prepared: PreparedTransaction[];
      try {
        if (!wallet.publicKey) throw new Error("Connect a wallet first");
        prepared = (await request.build()).map((item) =>
          "transaction" in item ? item : { transaction: item },
        );
      } catch (error) {
        toasts.push({ title: request.label, status: "failed", message: describeError(error) });
        throw error;
      }
      const total = prepared.length;
      const title = (index: number) =>
        total > 1 ? `${request.label} (${index + 1} of ${total})` : request.label;
      const ids = prepared.map((_, index) =>
        toasts.push({ title: title(index), status: "pending", message: STEP_MESSAGE.waiting }),
      );
      setSteps(prepared.map(() => ({ status: "waiting" })));
      const signatures = await sendTransactions({
        connection,
        wallet,
        transactions: prepared,
        onStep: (index, step) => {
          setSteps((list) => list.map((old, i) => (i === index ? step : old)));
          const id = ids[index];
          if (id === undefined) return;
          const link = step.signature ? explorerTxUrl(config, step.signature) : null;
          toasts.update(id, {
            status: TOAST_STATUS[step.status],
            message:
              step.status === "failed"
                ? step.error
                : step.signature
                  ? `${STEP_MESSAGE[step.status]} · ${shortAddress(step.signature, 6)}`
                  : STEP_MESSAGE[step.status],
            link,
          });
        },
      });
      request.onSuccess?.(signatures);
      return signatures;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["chain"] }),
  });

  const { mutate, reset } = mutation;
  const run = useCallback(
    (request: SendRequest) => {
      setSteps([]);
      // Failures are already in a toast and in `steps`; nothing else to do with them here.
      mutate(request);
    },
    [mutate],
  );
  const clear = useCallback(() => {
    setSteps([]);
    reset();
  }, [reset]);
  return { run, isPending: mutation.isPending, steps, clear, error: mutation.error };
}
