//! Vouchers: `neto_vouchers_list` (`GetVoucher`).
//!
//! The shared specs have no `GetVoucher` shapes; the filter and selector names come from
//! Maropost's GetVoucher page (see the crate README). The voucher's `SecretKey` is never
//! requested.

use std::sync::Arc;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use shopmcp_core::{HandlerFuture, Platform, ToolCall, ToolOutput, ToolSpec};

use crate::Action;
use crate::client::GetBody;
use crate::common::{
    Shared, ToolList, day_end, day_start, next_page, paging, pii, selectors, tool,
};
use crate::wire::{bool_opt, int_opt, one_or_many, text_opt};

/// Fields `neto_vouchers_list` requests.
pub(crate) const SELECT: &[&str] = &[
    "VoucherID",
    "VoucherProgramID",
    "VoucherTitle",
    "VoucherCode",
    "ProgramType",
    "IsRedeemed",
    "CreatedFromOrderID",
];
/// Personal fields added when customer PII is enabled.
pub(crate) const PII: &[&str] = &["Owner", "Email"];

/// A voucher program type (Maropost's `ProgramType`).
#[derive(Debug, Clone, Copy, Deserialize, Serialize, JsonSchema)]
pub(crate) enum ProgramType {
    /// Reward vouchers.
    Reward,
    /// Gift vouchers.
    Gift,
    /// Third-party vouchers.
    #[serde(rename = "Third Party")]
    ThirdParty,
}

/// Arguments of `neto_vouchers_list`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListInput {
    /// Only these vouchers.
    #[schemars(length(min = 1, max = 100))]
    voucher_ids: Option<Vec<u32>>,
    /// Only vouchers with these codes.
    #[schemars(length(min = 1, max = 50), inner(length(min = 1, max = 100)))]
    voucher_codes: Option<Vec<String>>,
    /// Only vouchers of this program type.
    program_type: Option<ProgramType>,
    /// Only redeemed (or unredeemed) vouchers.
    is_redeemed: Option<bool>,
    /// Added on or after this day (store time).
    #[schemars(extend("format" = "date"))]
    added_from: Option<String>,
    /// Added on or before this day (store time).
    #[schemars(extend("format" = "date"))]
    added_to: Option<String>,
    /// Page number, from 0.
    #[schemars(range(max = 10000))]
    page: Option<u32>,
    /// Vouchers per page (default 20).
    #[schemars(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// `GetVoucher` filters (Maropost GetVoucher page).
#[derive(Debug, Serialize)]
struct VoucherFilter {
    #[serde(rename = "VoucherID", skip_serializing_if = "Option::is_none")]
    voucher_id: Option<Vec<u32>>,
    #[serde(rename = "VoucherCode", skip_serializing_if = "Option::is_none")]
    voucher_code: Option<Vec<String>>,
    #[serde(rename = "ProgramType", skip_serializing_if = "Option::is_none")]
    program_type: Option<[ProgramType; 1]>,
    #[serde(rename = "IsRedeemed", skip_serializing_if = "Option::is_none")]
    is_redeemed: Option<bool>,
    #[serde(rename = "DateAddedFrom", skip_serializing_if = "Option::is_none")]
    date_added_from: Option<String>,
    #[serde(rename = "DateAddedTo", skip_serializing_if = "Option::is_none")]
    date_added_to: Option<String>,
}

/// One voucher as `GetVoucher` returns it.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub(crate) struct NetoVoucher {
    #[serde(rename = "VoucherID", default, deserialize_with = "int_opt")]
    voucher_id: Option<i64>,
    #[serde(rename = "VoucherProgramID", default, deserialize_with = "int_opt")]
    program_id: Option<i64>,
    #[serde(rename = "VoucherTitle", default, deserialize_with = "text_opt")]
    title: Option<String>,
    #[serde(rename = "VoucherCode", default, deserialize_with = "text_opt")]
    code: Option<String>,
    #[serde(rename = "ProgramType", default, deserialize_with = "text_opt")]
    program_type: Option<String>,
    #[serde(rename = "IsRedeemed", default, deserialize_with = "bool_opt")]
    is_redeemed: Option<bool>,
    #[serde(rename = "CreatedFromOrderID", default, deserialize_with = "text_opt")]
    created_from_order_id: Option<String>,
    #[serde(rename = "Owner", default, deserialize_with = "text_opt")]
    owner: Option<String>,
    #[serde(rename = "Email", default, deserialize_with = "text_opt")]
    email: Option<String>,
}

#[derive(Debug, Deserialize)]
struct VouchersReply {
    #[serde(rename = "Voucher", default, deserialize_with = "one_or_many")]
    vouchers: Vec<NetoVoucher>,
}

/// One voucher.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct VoucherOut {
    /// The voucher id.
    voucher_id: Option<i64>,
    /// The voucher program.
    program_id: Option<i64>,
    /// Title.
    title: Option<String>,
    /// The voucher code.
    code: Option<String>,
    /// `Reward`, `Gift` or `Third Party`.
    program_type: Option<String>,
    /// Whether it was redeemed.
    is_redeemed: Option<bool>,
    /// The order that created it.
    created_from_order_id: Option<String>,
    /// The owner (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    /// The owner's e-mail (only when customer PII is enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

/// `neto_vouchers_list` result.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ListOutput {
    /// The vouchers of this page.
    vouchers: Vec<VoucherOut>,
    /// This page.
    page: u32,
    /// The next page, when this one was full.
    next_page: Option<u32>,
    /// Warnings the store sent with the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

pub(crate) fn tools(shared: &Arc<Shared>) -> ToolList {
    vec![tool(
        ToolSpec::read::<ListInput, ListOutput>("neto_vouchers_list", Platform::Neto)
            .title("List vouchers")
            .description("Lists reward, gift and third-party vouchers page by page, optionally by id, code, program type, redeemed flag or added day range. Voucher secret keys are never returned.")
            .scopes([Action::GetVoucher.as_str()])
            .build(),
        shared,
        list,
    )]
}

fn list<'a>(shared: &'a Arc<Shared>, call: ToolCall<'a>) -> HandlerFuture<'a> {
    Box::pin(async move {
        let input: ListInput = call.input()?;
        let (page, limit) = paging(input.page, input.limit);
        let filter = VoucherFilter {
            voucher_id: input.voucher_ids,
            voucher_code: input.voucher_codes,
            program_type: input.program_type.map(|p| [p]),
            is_redeemed: input.is_redeemed,
            date_added_from: day_start(input.added_from.as_ref()),
            date_added_to: day_end(input.added_to.as_ref()),
        };
        let select = selectors(SELECT, PII, shared.options);
        let body = GetBody::new(&filter, &select, page, limit);
        let reply = shared
            .client
            .send::<_, VouchersReply>(&call, Action::GetVoucher, &body)
            .await?;
        let vouchers: Vec<VoucherOut> = reply
            .data
            .vouchers
            .into_iter()
            .map(|v| VoucherOut {
                voucher_id: v.voucher_id,
                program_id: v.program_id,
                title: v.title,
                code: v.code,
                program_type: v.program_type,
                is_redeemed: v.is_redeemed,
                created_from_order_id: v.created_from_order_id,
                owner: pii(shared.options, v.owner),
                email: pii(shared.options, v.email),
            })
            .collect();
        ToolOutput::new(&ListOutput {
            next_page: next_page(page, limit, vouchers.len()),
            vouchers,
            page,
            warnings: reply.warnings,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::coverage::assert_covered;

    #[test]
    fn selectors_match_what_is_read() {
        assert_covered::<NetoVoucher>(&[SELECT, PII].concat());
    }
}
