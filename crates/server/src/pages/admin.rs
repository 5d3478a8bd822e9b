//! Back-office pages (`/admin/…`): a visitor is sent to log in, a user without the admin role gets
//! the 403 page (see `extract::PageAdmin`).

pub mod classes;
pub mod courses;
pub mod dashboard;
pub mod outbox;
pub mod package;
pub mod packages;
pub mod policy;
pub mod purchases;
pub mod texts;
pub mod users;

/// The fields of a posted form, in order (repeated names kept, e.g. checkboxes).
pub type Fields = Vec<(String, String)>;

/// The first value of a form field, trimmed (empty when absent).
pub fn field(fields: &Fields, name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}

/// Every value of a repeated form field.
pub fn all(fields: &Fields, name: &str) -> Vec<String> {
    fields
        .iter()
        .filter(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .collect()
}
