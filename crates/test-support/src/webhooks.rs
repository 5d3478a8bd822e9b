//! Signed webhook deliveries and the Stripe events tests send.

use serde_json::{Value, json};

use crate::{Reply, TestApp, reply};

impl TestApp {
    /// Sends a webhook event signed with the app's secret at the app's current time.
    pub async fn webhook(&self, event: &Value) -> Reply {
        use secrecy::ExposeSecret;
        let body = serde_json::to_vec(event).expect("event JSON");
        let header = aula_payments::signature::sign(
            &body,
            self.app.config.webhook_secret.expose_secret(),
            self.clock.now().timestamp(),
        );
        self.webhook_raw(&body, Some(&header)).await
    }

    /// [`TestApp::webhook`] taking the event by value (for many concurrent deliveries).
    pub async fn webhook_owned(&self, event: Value) -> Reply {
        self.webhook(&event).await
    }

    /// Sends raw webhook bytes with an optional `Stripe-Signature` header.
    pub async fn webhook_raw(&self, body: &[u8], signature: Option<&str>) -> Reply {
        let mut req = self
            .client
            .post(self.url("/api/webhooks/stripe"))
            .header("content-type", "application/json")
            .body(body.to_vec());
        if let Some(s) = signature {
            req = req.header("stripe-signature", s);
        }
        reply(req.send().await.expect("request sent")).await
    }
}

/// A `checkout.session.completed` event for a paid session of 50.00 USD (the tests' usual price).
pub fn completed_event(event_id: &str, checkout_id: &str, payment_intent: &str) -> Value {
    paid_event(event_id, checkout_id, payment_intent, 5000, "usd")
}

/// A `checkout.session.completed` event for a paid session of `amount` minor units of `currency`.
pub fn paid_event(
    event_id: &str,
    checkout_id: &str,
    payment_intent: &str,
    amount: i64,
    currency: &str,
) -> Value {
    json!({"id": event_id, "object": "event", "type": "checkout.session.completed",
        "data": {"object": {"id": checkout_id, "object": "checkout.session", "payment_status": "paid", "status": "complete",
            "payment_intent": payment_intent, "amount_total": amount, "currency": currency}}})
}

/// A `charge.refunded` event for a payment intent.
pub fn refund_event(event_id: &str, payment_intent: &str, amount: i64, refunded: i64) -> Value {
    json!({"id": event_id, "object": "event", "type": "charge.refunded",
        "data": {"object": {"id": format!("ch_{event_id}"), "object": "charge", "payment_intent": payment_intent,
            "amount": amount, "amount_refunded": refunded, "refunded": refunded >= amount}}})
}
