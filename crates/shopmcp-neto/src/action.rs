//! [`Action`]: every `NETOAPI_ACTION` this crate can send, and nothing else.

use std::fmt;

/// A Neto API action, sent in the `NETOAPI_ACTION` header.
///
/// This enum is the only source of the header's value: tools name an action at compile
/// time, and no input field can choose one. It lists exactly the actions this crate uses;
/// `AddOrder`, `AddPayment`, `UpdateCustomer` and the rest of the API are out of reach.
///
/// ```
/// use shopmcp_neto::Action;
/// assert_eq!(Action::GetItem.as_str(), "GetItem");
/// assert!(Action::GetItem.is_read());
/// assert!(!Action::UpdateOrder.is_read());
/// assert_eq!(Action::ALL.len(), 12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Items (products), stock per warehouse.
    GetItem,
    /// Item fields and warehouse quantities.
    UpdateItem,
    /// Warehouses.
    GetWarehouse,
    /// Categories.
    GetCategory,
    /// Orders.
    GetOrder,
    /// Order status, tracking details, sticky notes.
    UpdateOrder,
    /// Customers.
    GetCustomer,
    /// Payments.
    GetPayment,
    /// Returns (RMAs).
    GetRma,
    /// Shopping carts (open, abandoned, closed).
    GetCart,
    /// Vouchers.
    GetVoucher,
    /// Shipping methods.
    GetShippingMethods,
}

impl Action {
    /// Every action, in declaration order.
    pub const ALL: [Action; 12] = [
        Self::GetItem,
        Self::UpdateItem,
        Self::GetWarehouse,
        Self::GetCategory,
        Self::GetOrder,
        Self::UpdateOrder,
        Self::GetCustomer,
        Self::GetPayment,
        Self::GetRma,
        Self::GetCart,
        Self::GetVoucher,
        Self::GetShippingMethods,
    ];

    /// The header value, exactly as Neto names the action.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::GetItem => "GetItem",
            Self::UpdateItem => "UpdateItem",
            Self::GetWarehouse => "GetWarehouse",
            Self::GetCategory => "GetCategory",
            Self::GetOrder => "GetOrder",
            Self::UpdateOrder => "UpdateOrder",
            Self::GetCustomer => "GetCustomer",
            Self::GetPayment => "GetPayment",
            Self::GetRma => "GetRma",
            Self::GetCart => "GetCart",
            Self::GetVoucher => "GetVoucher",
            Self::GetShippingMethods => "GetShippingMethods",
        }
    }

    /// Whether the action only reads. Reads are POSTs too, but they are sent as
    /// [`RequestClass::Read`](shopmcp_http::RequestClass::Read) so that the read retry and
    /// throttle policy applies; every other action is a write and is never retried.
    pub const fn is_read(self) -> bool {
        !matches!(self, Self::UpdateItem | Self::UpdateOrder)
    }

    /// The action whose header value is `value`, if this crate uses it.
    pub fn from_header(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for a in Action::ALL {
            assert_eq!(Action::from_header(a.as_str()), Some(a));
            assert!(seen.insert(a.as_str()));
            assert!(a.as_str().bytes().all(|b| b.is_ascii_alphabetic()));
        }
        assert_eq!(Action::from_header("AddOrder"), None);
        assert_eq!(Action::from_header("getitem"), None);
    }

    #[test]
    fn only_updates_are_writes() {
        let writes: Vec<_> = Action::ALL.into_iter().filter(|a| !a.is_read()).collect();
        assert_eq!(writes, [Action::UpdateItem, Action::UpdateOrder]);
    }
}
