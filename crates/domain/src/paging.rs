//! Paging of lists: `?page=1&pageSize=20`, page size at most 100.

use crate::DomainError;

/// A validated page request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 1-based page number.
    pub page: u64,
    /// Items per page, 1 to 100.
    pub page_size: u64,
}

impl Page {
    /// Largest page size a client may ask for.
    pub const MAX_SIZE: u64 = 100;
    /// Page size when none is asked for.
    pub const DEFAULT_SIZE: u64 = 20;

    /// Checks the optional query values; missing ones take the defaults.
    pub fn parse(page: Option<i64>, page_size: Option<i64>) -> Result<Self, DomainError> {
        let page = page.unwrap_or(1);
        let size = page_size.unwrap_or(Self::DEFAULT_SIZE as i64);
        if page < 1 {
            return Err(DomainError::invalid(
                "page",
                crate::Problem::new("at-least").with("min", 1),
            ));
        }
        if !(1..=Self::MAX_SIZE as i64).contains(&size) {
            return Err(DomainError::invalid(
                "pageSize",
                crate::Problem::between(1, Self::MAX_SIZE as i64),
            ));
        }
        Ok(Self {
            page: page as u64,
            page_size: size as u64,
        })
    }

    /// Rows to skip before this page.
    pub fn offset(self) -> u64 {
        (self.page - 1) * self.page_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_bounds() {
        assert_eq!(
            Page::parse(None, None).unwrap(),
            Page {
                page: 1,
                page_size: 20
            }
        );
        assert_eq!(Page::parse(Some(3), Some(10)).unwrap().offset(), 20);
        assert!(Page::parse(Some(0), None).is_err());
        assert!(Page::parse(None, Some(0)).is_err());
        assert!(Page::parse(None, Some(101)).is_err());
        assert!(Page::parse(None, Some(100)).is_ok());
    }
}
