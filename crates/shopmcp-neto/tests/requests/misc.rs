//! Payments, returns, abandoned carts, vouchers and shipping methods.

use serde_json::json;
use shopmcp_neto::Action;

use crate::common::{Harness, assert_neto_request};

#[tokio::test]
async fn payments_list_never_asks_for_card_or_bank_details() {
    let h = Harness::new().await;
    h.reply_fixture("get_payment");
    let out = h
        .ok(
            "neto_payments_list",
            &json!({"order_ids": ["N10042", "N10043"], "payment_ids": [5521, 5522],
                "paid_from": "2026-11-20", "paid_to": "2026-11-21"}),
        )
        .await;
    let req = h.only_request();
    let body = assert_neto_request(&req, Action::GetPayment);
    assert_eq!(
        body,
        json!({"Filter": {"OrderID": ["N10042", "N10043"], "PaymentID": [5521, 5522],
            "DatePaidFrom": "2026-11-20 00:00:00", "DatePaidTo": "2026-11-21 23:59:59",
            "OutputSelector": ["PaymentID", "OrderID", "AmountPaid", "CurrencyCode", "DatePaid", "PaymentMethodName"],
            "Page": 0, "Limit": 20}})
    );
    for field in [
        "CardHolder",
        "CardExpiryDate",
        "AccountNumber",
        "AccountBSB",
    ] {
        assert!(!req.contains(field), "{field}");
    }
    assert_eq!(
        out,
        json!({"payments": [
            {"payment_id": 5521, "order_id": "N10042", "amount_paid": "254.90", "currency_code": "AUD",
             "date_paid": "2026-11-20 14:04:10", "payment_method": "PayPal"},
            {"payment_id": 5522, "order_id": "N10043", "amount_paid": "99.00", "currency_code": "AUD",
             "date_paid": "2026-11-21 08:15:30", "payment_method": "Credit Card"}
        ], "page": 0, "next_page": null})
    );
}

#[tokio::test]
async fn rmas_list_marks_return_reasons_untrusted() {
    let h = Harness::new().await;
    h.reply_fixture("get_rma");
    let out = h
        .ok(
            "neto_rmas_list",
            &json!({"order_ids": ["N10001"], "rma_ids": [88], "statuses": ["Open"],
                "issued_from": "2026-11-01", "issued_to": "2026-11-30", "page": 2, "limit": 10}),
        )
        .await;
    let body = assert_neto_request(&h.only_request(), Action::GetRma);
    assert_eq!(
        body,
        json!({"Filter": {"OrderID": ["N10001"], "RmaID": [88], "RmaStatus": ["Open"],
            "DateIssuedFrom": "2026-11-01 00:00:00", "DateIssuedTo": "2026-11-30 23:59:59",
            "OutputSelector": ["RmaID", "OrderID", "CustomerUsername", "RmaStatus", "DateIssued",
                "DateUpdated", "RefundTotal", "RmaLines"],
            "Page": 2, "Limit": 10}})
    );
    assert_eq!(
        out,
        json!({"rmas": [{
            "rma_id": 88, "order_id": "N10001", "customer_username": "jcitizen", "status": "Open",
            "date_issued": "2026-11-10 09:00:00", "date_updated": "2026-11-11 10:30:00",
            "refund_total": "129.95",
            "lines": [{"sku": "LSD", "product_name": "Luke Skywalker Doll", "quantity": 1,
                "refund_subtotal": "129.95", "return_reason": {"untrusted_text": "Arrived damaged"},
                "item_status": "Received"}]
        }], "page": 2, "next_page": null})
    );
}

#[tokio::test]
async fn abandoned_carts_ask_for_abandoned_only_and_never_the_restore_url() {
    let h = Harness::new().await;
    h.reply_fixture("get_cart");
    let out = h
        .ok(
            "neto_abandoned_carts_list",
            &json!({"updated_from": "2026-11-19", "updated_to": "2026-11-20",
                "created_from": "2026-11-18", "created_to": "2026-11-20"}),
        )
        .await;
    let req = h.only_request();
    let body = assert_neto_request(&req, Action::GetCart);
    assert_eq!(
        body,
        json!({"Filter": {"CheckoutStatus": ["Abandoned"],
            "DateCreatedFrom": "2026-11-18 00:00:00", "DateCreatedTo": "2026-11-20 23:59:59",
            "DateUpdatedFrom": "2026-11-19 00:00:00", "DateUpdatedTo": "2026-11-20 23:59:59",
            "OutputSelector": ["CartID", "CheckoutStatus", "DateCreated", "DateUpdated",
                "CustomerUsername", "CartTotal"],
            "Page": 0, "Limit": 20}})
    );
    assert!(!req.contains("RestoreCartUrl"));
    assert_eq!(
        out,
        json!({"carts": [
            {"cart_id": "7f3c2a", "checkout_status": "Abandoned", "date_created": "2026-11-19 20:01:00",
             "date_updated": "2026-11-19 20:14:42", "customer_username": "jcitizen", "cart_total": "229.90"},
            {"cart_id": "7f3c2b", "checkout_status": "Abandoned", "date_created": "2026-11-20 06:00:00",
             "date_updated": "2026-11-20 06:02:10", "customer_username": null, "cart_total": "19.95"}
        ], "page": 0, "next_page": null})
    );
}

#[tokio::test]
async fn abandoned_carts_with_pii_add_the_email() {
    let h = Harness::with_pii().await;
    h.reply_fixture("get_cart");
    let out = h.ok("neto_abandoned_carts_list", &json!({})).await;
    let body = assert_neto_request(&h.only_request(), Action::GetCart);
    assert_eq!(
        body["Filter"]["OutputSelector"],
        json!([
            "CartID",
            "CheckoutStatus",
            "DateCreated",
            "DateUpdated",
            "CustomerUsername",
            "CartTotal",
            "CustomerEmail"
        ])
    );
    assert_eq!(out["carts"][0]["customer_email"], "jane@example.com");
}

#[tokio::test]
async fn vouchers_list_never_asks_for_the_secret_key() {
    for pii in [false, true] {
        let h = if pii {
            Harness::with_pii().await
        } else {
            Harness::new().await
        };
        h.reply_fixture("get_voucher");
        let out = h
            .ok(
                "neto_vouchers_list",
                &json!({"voucher_ids": [301], "voucher_codes": ["GV-7QX2-99"], "program_type": "Third Party",
                    "is_redeemed": false, "added_from": "2026-01-01", "added_to": "2026-06-30"}),
            )
            .await;
        let req = h.only_request();
        let body = assert_neto_request(&req, Action::GetVoucher);
        let mut select = vec![
            "VoucherID",
            "VoucherProgramID",
            "VoucherTitle",
            "VoucherCode",
            "ProgramType",
            "IsRedeemed",
            "CreatedFromOrderID",
        ];
        if pii {
            select.extend(["Owner", "Email"]);
        }
        assert_eq!(
            body,
            json!({"Filter": {"VoucherID": [301], "VoucherCode": ["GV-7QX2-99"],
                "ProgramType": ["Third Party"], "IsRedeemed": false,
                "DateAddedFrom": "2026-01-01 00:00:00", "DateAddedTo": "2026-06-30 23:59:59",
                "OutputSelector": select, "Page": 0, "Limit": 20}})
        );
        assert!(!req.contains("SecretKey"));
        let mut voucher = json!({"voucher_id": 301, "program_id": 2, "title": "$50 Gift Voucher",
            "code": "GV-7QX2-99", "program_type": "Gift", "is_redeemed": false,
            "created_from_order_id": "N9001"});
        if pii {
            voucher["owner"] = json!("jcitizen");
            voucher["email"] = json!("jane@example.com");
        }
        assert_eq!(
            out,
            json!({"vouchers": [voucher], "page": 0, "next_page": null})
        );
    }
}

#[tokio::test]
async fn shipping_methods_send_an_empty_body() {
    let h = Harness::new().await;
    h.reply_fixture("get_shipping_methods");
    let out = h.ok("neto_shipping_methods_list", &json!({})).await;
    let req = h.only_request();
    let body = assert_neto_request(&req, Action::GetShippingMethods);
    assert_eq!(body, json!({}));
    assert_eq!(req.body.as_ref(), b"{}");
    assert_eq!(
        out,
        json!({"methods": [
            {"id": "1", "name": "Australia Post eParcel", "description": "2-5 business days",
             "status": "Active", "visible_to_customers": true, "visible_to_staff": true,
             "visible_on_ebay": false},
            {"id": "4", "name": "Click & Collect", "description": null, "status": "Inactive",
             "visible_to_customers": false, "visible_to_staff": true, "visible_on_ebay": false}
        ]})
    );
}
