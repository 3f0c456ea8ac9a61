//! BigCommerce API account OAuth scopes the tools need (from the `X-Auth-Token` security
//! scheme of each vendored OpenAPI file). Read tools name the `_read_only` scope; write tools the
//! modify scope.

/// Information & Settings, read-only (store profile; abandoned-cart token lookup).
pub const INFORMATION_READ: &str = "store_v2_information_read_only";
/// Products, read-only (products, variants, category trees, brands).
pub const PRODUCTS_READ: &str = "store_v2_products_read_only";
/// Products, modify (product and variant price updates).
pub const PRODUCTS: &str = "store_v2_products";
/// Orders, read-only (orders, order products, shipping addresses, statuses, shipments, refunds).
pub const ORDERS_READ: &str = "store_v2_orders_read_only";
/// Orders, modify (order status and staff notes, shipments).
pub const ORDERS: &str = "store_v2_orders";
/// Order Transactions, read-only (transactions).
pub const TRANSACTIONS_READ: &str = "store_v2_transactions_read_only";
/// Order Transactions, modify: BigCommerce requires it (or `store_v2_orders`) for refund
/// quotes, although a quote changes nothing.
pub const TRANSACTIONS: &str = "store_v2_transactions";
/// Customers, read-only (customers, customer groups).
pub const CUSTOMERS_READ: &str = "store_v2_customers_read_only";
/// Carts, read-only.
pub const CARTS_READ: &str = "store_cart_read_only";
/// Carts, modify (create carts, add items, mint checkout links).
pub const CARTS: &str = "store_cart";
/// Store Inventory, read-only.
pub const INVENTORY_READ: &str = "store_inventory_read_only";
/// Store Inventory, modify (relative and absolute adjustments).
pub const INVENTORY: &str = "store_inventory";
/// Store Locations, read-only.
pub const LOCATIONS_READ: &str = "store_locations_read_only";
/// Marketing, read-only (promotions, coupon codes).
pub const MARKETING_READ: &str = "store_v2_marketing_read_only";
