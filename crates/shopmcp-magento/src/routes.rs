//! Every upstream operation this crate can call: one variant per method + path template.
//!
//! Paths are relative to `/rest/{store}/V1/`; identifiers become single percent-encoded path
//! segments ([`shopmcp_http::BaseUrl::endpoint`]). Admin routes are signed with the merchant's
//! credential; guest routes are Magento's `anonymous` resources and never carry one.

use std::borrow::Cow;

use http::Method;

/// An admin REST operation (credential slot `magento.admin`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Admin<'a> {
    /// `GET /V1/store/websites`
    StoreWebsites,
    /// `GET /V1/store/storeGroups`
    StoreGroups,
    /// `GET /V1/store/storeViews`
    StoreViews,
    /// `GET /V1/products`
    Products,
    /// `GET /V1/products/{sku}`
    Product(&'a str),
    /// `PUT /V1/products/{sku}`
    ProductSave(&'a str),
    /// `GET /V1/categories`
    Categories,
    /// `GET /V1/orders`
    Orders,
    /// `GET /V1/orders/{id}`
    Order(u64),
    /// `GET /V1/orders/{id}/comments`
    OrderComments(u64),
    /// `POST /V1/orders/{id}/comments`
    OrderCommentAdd(u64),
    /// `POST /V1/orders/{id}/hold`
    OrderHold(u64),
    /// `POST /V1/orders/{id}/unhold`
    OrderUnhold(u64),
    /// `POST /V1/orders/{id}/cancel`
    OrderCancel(u64),
    /// `POST /V1/order/{orderId}/ship`
    OrderShip(u64),
    /// `GET /V1/invoices`
    Invoices,
    /// `GET /V1/invoices/{id}`
    Invoice(u64),
    /// `GET /V1/shipments`
    Shipments,
    /// `GET /V1/shipment/{id}`
    Shipment(u64),
    /// `GET /V1/creditmemos`
    CreditMemos,
    /// `GET /V1/creditmemo/{id}`
    CreditMemo(u64),
    /// `GET /V1/customers/search`
    Customers,
    /// `GET /V1/customers/{customerId}`
    Customer(u64),
    /// `GET /V1/customerGroups/search`
    CustomerGroups,
    /// `GET /V1/stockItems/{productSku}`
    StockItem(&'a str),
    /// `GET /V1/inventory/get-product-salable-quantity/{sku}/{stockId}`
    SalableQuantity(&'a str, u32),
    /// `GET /V1/inventory/sources`
    Sources,
    /// `POST /V1/inventory/source-items`
    SourceItemsSave,
    /// `GET /V1/carts/search`
    Carts,
    /// `GET /V1/salesRules/search`
    SalesRules,
    /// `GET /V1/coupons/search`
    Coupons,
}

fn s(v: &str) -> Cow<'_, str> {
    Cow::Borrowed(v)
}

fn n(v: u64) -> Cow<'static, str> {
    Cow::Owned(v.to_string())
}

impl<'a> Admin<'a> {
    /// The HTTP method.
    pub(crate) fn method(self) -> Method {
        match self {
            Self::ProductSave(_) => Method::PUT,
            Self::OrderCommentAdd(_)
            | Self::OrderHold(_)
            | Self::OrderUnhold(_)
            | Self::OrderCancel(_)
            | Self::OrderShip(_)
            | Self::SourceItemsSave => Method::POST,
            _ => Method::GET,
        }
    }

    /// The path segments after `V1`.
    pub(crate) fn segments(self) -> Vec<Cow<'a, str>> {
        match self {
            Self::StoreWebsites => vec![s("store"), s("websites")],
            Self::StoreGroups => vec![s("store"), s("storeGroups")],
            Self::StoreViews => vec![s("store"), s("storeViews")],
            Self::Products => vec![s("products")],
            Self::Product(sku) | Self::ProductSave(sku) => vec![s("products"), s(sku)],
            Self::Categories => vec![s("categories")],
            Self::Orders => vec![s("orders")],
            Self::Order(id) => vec![s("orders"), n(id)],
            Self::OrderComments(id) | Self::OrderCommentAdd(id) => {
                vec![s("orders"), n(id), s("comments")]
            }
            Self::OrderHold(id) => vec![s("orders"), n(id), s("hold")],
            Self::OrderUnhold(id) => vec![s("orders"), n(id), s("unhold")],
            Self::OrderCancel(id) => vec![s("orders"), n(id), s("cancel")],
            Self::OrderShip(id) => vec![s("order"), n(id), s("ship")],
            Self::Invoices => vec![s("invoices")],
            Self::Invoice(id) => vec![s("invoices"), n(id)],
            Self::Shipments => vec![s("shipments")],
            Self::Shipment(id) => vec![s("shipment"), n(id)],
            Self::CreditMemos => vec![s("creditmemos")],
            Self::CreditMemo(id) => vec![s("creditmemo"), n(id)],
            Self::Customers => vec![s("customers"), s("search")],
            Self::Customer(id) => vec![s("customers"), n(id)],
            Self::CustomerGroups => vec![s("customerGroups"), s("search")],
            Self::StockItem(sku) => vec![s("stockItems"), s(sku)],
            Self::SalableQuantity(sku, stock) => vec![
                s("inventory"),
                s("get-product-salable-quantity"),
                s(sku),
                n(u64::from(stock)),
            ],
            Self::Sources => vec![s("inventory"), s("sources")],
            Self::SourceItemsSave => vec![s("inventory"), s("source-items")],
            Self::Carts => vec![s("carts"), s("search")],
            Self::SalesRules => vec![s("salesRules"), s("search")],
            Self::Coupons => vec![s("coupons"), s("search")],
        }
    }
}

/// A guest (anonymous) REST operation: no credential is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Guest<'a> {
    /// `POST /V1/guest-carts`
    NewCart,
    /// `POST /V1/guest-carts/{cartId}/items`
    AddItem(&'a str),
    /// `GET /V1/guest-carts/{cartId}/totals`
    Totals(&'a str),
}

impl<'a> Guest<'a> {
    /// The HTTP method.
    pub(crate) fn method(self) -> Method {
        match self {
            Self::NewCart | Self::AddItem(_) => Method::POST,
            Self::Totals(_) => Method::GET,
        }
    }

    /// The path segments after `V1`.
    pub(crate) fn segments(self) -> Vec<Cow<'a, str>> {
        match self {
            Self::NewCart => vec![s("guest-carts")],
            Self::AddItem(id) => vec![s("guest-carts"), s(id), s("items")],
            Self::Totals(id) => vec![s("guest-carts"), s(id), s("totals")],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_segments() {
        assert_eq!(Admin::ProductSave("a/b").method(), Method::PUT);
        assert_eq!(Admin::Product("a/b").segments(), vec!["products", "a/b"]);
        assert_eq!(Admin::OrderShip(5).segments(), vec!["order", "5", "ship"]);
        assert_eq!(Admin::OrderComments(5).method(), Method::GET);
        assert_eq!(Admin::OrderCommentAdd(5).method(), Method::POST);
        assert_eq!(
            Admin::SalableQuantity("S", 2).segments(),
            vec!["inventory", "get-product-salable-quantity", "S", "2"]
        );
        assert_eq!(
            Guest::Totals("x").segments(),
            vec!["guest-carts", "x", "totals"]
        );
        assert_eq!(Guest::NewCart.method(), Method::POST);
    }
}
