//! Invoices and credit memos (refunds): search and get. Both share one shape.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, SpecError, ToolCall, ToolOutput, ToolSpec};

use crate::MagentoClient;
use crate::routes::Admin;
use crate::search::{Criteria, SearchInput, SearchOutput, SearchResult, search_fields};
use crate::values::{Amount, null_as_default};

/// ACL resource of the invoice routes.
pub(crate) const ACL_INVOICE: &str = "Magento_Sales::sales_invoice";
/// ACL resource of the credit memo routes.
pub(crate) const ACL_CREDITMEMO: &str = "Magento_Sales::sales_creditmemo";

search_fields! {
    /// An invoice or credit memo field to filter on.
    DocumentField {
        /// Document id.
        EntityId = "entity_id" (Integer),
        /// Document number.
        IncrementId = "increment_id" (Text),
        /// Order id.
        OrderId = "order_id" (Integer),
        /// State (invoices: 1 open, 2 paid, 3 canceled; credit memos: 1 open, 2 refunded, 3 canceled).
        State = "state" (Integer),
        /// Created at (UTC).
        CreatedAt = "created_at" (Date),
        /// Last update (UTC).
        UpdatedAt = "updated_at" (Date),
        /// Grand total.
        GrandTotal = "grand_total" (Decimal),
    }
}

search_fields! {
    /// An invoice or credit memo field to sort by.
    DocumentSort {
        /// Document id.
        EntityId = "entity_id" (Integer),
        /// Created at.
        CreatedAt = "created_at" (Date),
        /// Grand total.
        GrandTotal = "grand_total" (Decimal),
    }
}

/// Arguments naming one document.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DocumentIdInput {
    /// The document id (`entity_id`).
    #[schemars(range(min = 1))]
    id: u64,
}

#[derive(Debug, Deserialize)]
struct Line {
    order_item_id: Option<u64>,
    sku: Option<String>,
    name: Option<String>,
    qty: Option<Amount>,
    price: Option<Amount>,
    row_total: Option<Amount>,
}

/// `sales-data-invoice-interface` / `sales-data-creditmemo-interface`, the shared fields.
#[derive(Debug, Deserialize)]
struct Document {
    entity_id: Option<u64>,
    increment_id: Option<String>,
    order_id: Option<u64>,
    state: Option<u64>,
    created_at: Option<String>,
    updated_at: Option<String>,
    subtotal: Option<Amount>,
    discount_amount: Option<Amount>,
    shipping_amount: Option<Amount>,
    tax_amount: Option<Amount>,
    grand_total: Option<Amount>,
    order_currency_code: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    items: Vec<Line>,
}

/// One line of an invoice or credit memo.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct LineOut {
    /// The order line it belongs to.
    order_item_id: Option<u64>,
    /// SKU.
    sku: Option<String>,
    /// Name.
    name: Option<String>,
    /// Quantity.
    qty: Option<Amount>,
    /// Unit price.
    price: Option<Amount>,
    /// Line total.
    row_total: Option<Amount>,
}

/// An invoice or credit memo.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct DocumentOut {
    /// Document id.
    id: Option<u64>,
    /// Document number.
    increment_id: Option<String>,
    /// Order id.
    order_id: Option<u64>,
    /// State code (1 open, 2 paid or refunded, 3 canceled).
    state: Option<u64>,
    /// Created at (UTC).
    created_at: Option<String>,
    /// Last update (UTC).
    updated_at: Option<String>,
    /// Subtotal.
    subtotal: Option<Amount>,
    /// Discount.
    discount_amount: Option<Amount>,
    /// Shipping.
    shipping_amount: Option<Amount>,
    /// Tax.
    tax_amount: Option<Amount>,
    /// Grand total.
    grand_total: Option<Amount>,
    /// Currency.
    currency: Option<String>,
    /// Lines (in `get` answers; empty in searches).
    items: Vec<LineOut>,
}

fn document_out(d: Document, with_lines: bool) -> DocumentOut {
    DocumentOut {
        id: d.entity_id,
        increment_id: d.increment_id,
        order_id: d.order_id,
        state: d.state,
        created_at: d.created_at,
        updated_at: d.updated_at,
        subtotal: d.subtotal,
        discount_amount: d.discount_amount,
        shipping_amount: d.shipping_amount,
        tax_amount: d.tax_amount,
        grand_total: d.grand_total,
        currency: d.order_currency_code,
        items: if with_lines {
            d.items
                .into_iter()
                .map(|l| LineOut {
                    order_item_id: l.order_item_id,
                    sku: l.sku,
                    name: l.name,
                    qty: l.qty,
                    price: l.price,
                    row_total: l.row_total,
                })
                .collect()
        } else {
            Vec::new()
        },
    }
}

type DocumentSearch = SearchInput<DocumentField, DocumentSort>;

fn search_spec(name: &str, what: &str, acl: &str) -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<DocumentSearch, SearchOutput<DocumentOut>>(name, Platform::Magento)
        .title(format!("Search {what}"))
        .description(format!(
            "Searches {what} with up to 5 filters (AND: order id, number, state, dates, total), \
             one sort field and one page of at most 50."
        ))
        .scopes([acl])
        .build()
}

fn get_spec(name: &str, what: &str, acl: &str) -> Result<ToolSpec, SpecError> {
    ToolSpec::read::<DocumentIdInput, DocumentOut>(name, Platform::Magento)
        .title(format!("Get one of the {what}"))
        .description(format!(
            "Reads one of the {what} by id, with its lines and totals."
        ))
        .scopes([acl])
        .build()
}

pub(crate) fn invoices_search_spec() -> Result<ToolSpec, SpecError> {
    search_spec("magento_invoices_search", "invoices", ACL_INVOICE)
}

pub(crate) fn invoices_get_spec() -> Result<ToolSpec, SpecError> {
    get_spec("magento_invoices_get", "invoices", ACL_INVOICE)
}

pub(crate) fn creditmemos_search_spec() -> Result<ToolSpec, SpecError> {
    search_spec(
        "magento_creditmemos_search",
        "credit memos (refunds)",
        ACL_CREDITMEMO,
    )
}

pub(crate) fn creditmemos_get_spec() -> Result<ToolSpec, SpecError> {
    get_spec(
        "magento_creditmemos_get",
        "credit memos (refunds)",
        ACL_CREDITMEMO,
    )
}

async fn search_with(
    client: &MagentoClient,
    call: &ToolCall<'_>,
    route: Admin<'_>,
) -> Result<ToolOutput, shopmcp_core::ToolError> {
    let input: DocumentSearch = call.input()?;
    let criteria = Criteria::search(&input, false)?;
    let result: SearchResult<Document> = client.admin(call, route, &criteria.query, None).await?;
    ToolOutput::new(&SearchOutput::from_result(result, &criteria, |d| {
        document_out(d, false)
    }))
}

pub(crate) fn invoices_search<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move { search_with(client, &call, Admin::Invoices).await })
}

pub(crate) fn creditmemos_search<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move { search_with(client, &call, Admin::CreditMemos).await })
}

pub(crate) fn invoices_get<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<DocumentIdInput>()?.id;
        let doc: Document = client.admin(&call, Admin::Invoice(id), &[], None).await?;
        ToolOutput::new(&document_out(doc, true))
    })
}

pub(crate) fn creditmemos_get<'a>(
    client: &'a Arc<MagentoClient>,
    call: ToolCall<'a>,
) -> HandlerFuture<'a> {
    Box::pin(async move {
        let id = call.input::<DocumentIdInput>()?.id;
        let doc: Document = client
            .admin(&call, Admin::CreditMemo(id), &[], None)
            .await?;
        ToolOutput::new(&document_out(doc, true))
    })
}
