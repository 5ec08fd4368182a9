import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import "./toasts.css";

export type ToastStatus = "pending" | "sent" | "confirmed" | "failed" | "info";

export interface Toast {
  id: number;
  title: string;
  status: ToastStatus;
  message?: string;
  link?: string | null;
}

interface ToastApi {
  push(toast: Omit<Toast, "id">): number;
  update(id: number, patch: Partial<Omit<Toast, "id">>): void;
  dismiss(id: number): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const CONFIRMED_TTL_MS = 8_000;

const STATUS_LABEL: Record<ToastStatus, string> = {
  pending: "Waiting",
  sent: "Sent",
  confirmed: "Confirmed",
  failed: "Failed",
  info: "Note",
};

/** Toasts for transactions: one per transaction, from sent to confirmed or failed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((toast) => toast.id !== id));
  }, []);
  const scheduleDismiss = useCallback(
    (id: number, status: ToastStatus | undefined) => {
      if (status === "confirmed" || status === "info") {
        setTimeout(() => dismiss(id), CONFIRMED_TTL_MS);
      }
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      push(toast) {
        const id = nextId.current++;
        setToasts((list) => [...list.slice(-5), { ...toast, id }]);
        scheduleDismiss(id, toast.status);
        return id;
      },
      update(id, patch) {
        setToasts((list) =>
          list.map((toast) => (toast.id === id ? { ...toast, ...patch } : toast)),
        );
        scheduleDismiss(id, patch.status);
      },
      dismiss,
    }),
    [dismiss, scheduleDismiss],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-label="Notifications">
        {/* Polite for progress; failures are announced through their own alert role. */}
        <ol aria-live="polite" aria-relevant="additions text">
          {toasts.map((toast) => (
            <li
              key={toast.id}
              className={`toast toast-${toast.status}`}
              role={toast.status === "failed" ? "alert" : undefined}
              data-status={toast.status}
            >
              <div className="toast-head">
                <span className="toast-status">{STATUS_LABEL[toast.status]}</span>
                <strong className="toast-title">{toast.title}</strong>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Dismiss: ${toast.title}`}
                  onClick={() => dismiss(toast.id)}
                >
                  ×
                </button>
              </div>
              {toast.message && <p className="toast-message">{toast.message}</p>}
              {toast.link && (
                <a href={toast.link} target="_blank" rel="noreferrer">
                  View in explorer
                </a>
              )}
            </li>
          ))}
        </ol>
      </section>
    </ToastContext.Provider>
  );
}

export function useToasts(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToasts outside ToastProvider");
  return api;
}
