//! Roles: what a party does for an order.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A role in an order: what a party did to make it happen.
///
/// The built-in roles follow the seed's six commercial roles plus the platform and the
/// people around a store; any other non-empty name is a [`Role::Custom`] role (a brand, a
/// franchisor, a landlord…). On the wire a role is its snake_case name:
///
/// | role | wire name | typically paid for |
/// |---|---|---|
/// | [`Role::Platform`] | `platform` | the marketplace commission (平台) |
/// | [`Role::Merchant`] | `merchant` | the goods; usually the remainder (商家) |
/// | [`Role::Supplier`] | `supplier` | supplying the goods (供货方) |
/// | [`Role::Marketing`] | `marketing` | a marketing channel or medium (策划 + 媒体) |
/// | [`Role::Logistics`] | `logistics` | delivery and warehousing (配送 + 仓储) |
/// | [`Role::ServiceProvider`] | `service_provider` | installation, after-sales (服务方) |
/// | [`Role::PaymentProcessor`] | `payment_processor` | collecting the payment (收付方) |
/// | [`Role::Store`] | `store` | the physical store that served the order (门店) |
/// | [`Role::StoreStaff`] | `store_staff` | the staff member who brought the customer (店员) |
/// | [`Role::Referrer`] | `referrer` | a referrer or broker (推荐人 / 经纪人) |
/// | [`Role::Influencer`] | `influencer` | an influencer (达人) |
///
/// A custom name equal to a built-in name *is* the built-in role, so `"merchant"` always
/// decodes to [`Role::Merchant`] and a role survives a round trip through JSON unchanged.
/// The funders of discounts (`funded_by.role` in promotions) are role names in the same
/// sense.
///
/// ```
/// use o2okit::Role;
/// let role: Role = serde_json::from_str(r#""payment_processor""#).unwrap();
/// assert_eq!(role, Role::PaymentProcessor);
/// assert_eq!(Role::from_name("brand"), Role::Custom("brand".into()));
/// assert_eq!(Role::from_name("store_staff").as_str(), "store_staff");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Role {
    /// The platform in the middle (marketplace, app).
    Platform,
    /// The merchant who sells the goods or the service.
    Merchant,
    /// The supplier of the goods.
    Supplier,
    /// A marketing channel or medium (planning and media).
    Marketing,
    /// Delivery and warehousing.
    Logistics,
    /// A service provider (installation, after-sales, …).
    ServiceProvider,
    /// The payment processor (collection).
    PaymentProcessor,
    /// A physical store.
    Store,
    /// A member of a store's staff.
    StoreStaff,
    /// A referrer or broker.
    Referrer,
    /// An influencer.
    Influencer,
    /// Any other role, by name.
    Custom(String),
}

const BUILT_IN: [(Role, &str); 11] = [
    (Role::Platform, "platform"),
    (Role::Merchant, "merchant"),
    (Role::Supplier, "supplier"),
    (Role::Marketing, "marketing"),
    (Role::Logistics, "logistics"),
    (Role::ServiceProvider, "service_provider"),
    (Role::PaymentProcessor, "payment_processor"),
    (Role::Store, "store"),
    (Role::StoreStaff, "store_staff"),
    (Role::Referrer, "referrer"),
    (Role::Influencer, "influencer"),
];

impl Role {
    /// The role with this wire name: a built-in role, or a [`Role::Custom`] one.
    pub fn from_name(name: &str) -> Role {
        BUILT_IN
            .iter()
            .find(|(_, n)| *n == name)
            .map_or_else(|| Role::Custom(name.to_string()), |(r, _)| r.clone())
    }

    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Role::Platform => "platform",
            Role::Merchant => "merchant",
            Role::Supplier => "supplier",
            Role::Marketing => "marketing",
            Role::Logistics => "logistics",
            Role::ServiceProvider => "service_provider",
            Role::PaymentProcessor => "payment_processor",
            Role::Store => "store",
            Role::StoreStaff => "store_staff",
            Role::Referrer => "referrer",
            Role::Influencer => "influencer",
            Role::Custom(name) => name,
        }
    }

    /// The names of the built-in roles, in declaration order.
    pub fn built_in_names() -> impl Iterator<Item = &'static str> {
        BUILT_IN.iter().map(|(_, n)| *n)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Role {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Role {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        if name.trim().is_empty() {
            return Err(serde::de::Error::custom(
                "a role name must not be empty: use a built-in role such as \"merchant\" or a custom name such as \"brand\"",
            ));
        }
        Ok(Role::from_name(&name))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Role {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Role".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A role: a built-in name (platform, merchant, supplier, marketing, logistics, service_provider, payment_processor, store, store_staff, referrer, influencer) or any other non-empty custom name.",
            "type": "string",
            "minLength": 1,
            "examples": ["platform", "merchant", "store_staff", "brand"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in Role::built_in_names() {
            let role = Role::from_name(name);
            assert!(!matches!(role, Role::Custom(_)), "{name}");
            assert_eq!(role.as_str(), name);
            let json = serde_json::to_string(&role).unwrap();
            assert_eq!(serde_json::from_str::<Role>(&json).unwrap(), role);
        }
        assert!(serde_json::from_str::<Role>(r#""  ""#).is_err());
    }
}
