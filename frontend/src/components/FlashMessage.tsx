import { useLocation } from "react-router";

export interface FlashState {
  flash?: string;
}

/** Status message passed through navigation state (`{ flash: "…" }`). */
export function FlashMessage() {
  const location = useLocation();
  const message = (location.state as FlashState | null)?.flash;
  return (
    <div role="status" className="flash-region">
      {message ? <p className="notice notice--success">{message}</p> : null}
    </div>
  );
}
