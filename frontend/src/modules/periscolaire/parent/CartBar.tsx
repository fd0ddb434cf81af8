import { Link } from "react-router";
import { formatMoney } from "../../../format/money";
import { useCart } from "./api";

/** "3 modifications en attente · total 12,00 €" and the way to the recap. */
export function CartBar() {
  const cart = useCart();
  const count = cart.data?.count ?? 0;
  return (
    <div className={count ? "cart-bar" : "cart-bar cart-bar--empty"}>
      <p role="status" className="cart-bar__summary">
        {count > 0 && (
          <>
            <span className="cart-bar__badge" aria-hidden="true">
              {count}
            </span>{" "}
            <span>
              {count > 1 ? `${count} modifications en attente` : "1 modification en attente"} · total {formatMoney(cart.data?.total)}
            </span>
          </>
        )}
      </p>
      {count > 0 && (
        <Link to="/panier" className="button button--primary">
          Voir le récapitulatif
        </Link>
      )}
    </div>
  );
}
