//! The `o2okit demo` walk-through: a list of sections, one file each.
//!
//! To add a section (promotions, group-buy, revenue split, the four O2O flows…): write a
//! file with a `pub const SECTION: Section` whose `run` writes plain English to a [`Page`]
//! using only library calls, then add it to [`SECTIONS`]. Keep the output deterministic: no
//! clock, no randomness, no hash-map iteration order.

mod caps;
mod cash;
mod flow_splits;
mod ladder;
mod mismatch;
mod money;
mod not_monotone;
mod qr_sale;
mod rounding;
mod showroom_sale;
mod split;
mod stacked_coupons;
mod staff_pool;
mod store_assignment;
mod store_order;
mod stored_value_card;
mod team_buy;
mod thirds;
mod voucher_order;
mod wechat_dine_in;

/// One section of the walk-through.
#[derive(Debug, Clone, Copy)]
pub struct Section {
    /// Short name, used by `o2okit demo NAME` (kebab-case, stable).
    pub name: &'static str,
    /// Heading printed above the section.
    pub title: &'static str,
    /// Writes the section. An error here is a bug in the demo (expected errors are shown
    /// as text inside the section).
    pub run: fn(&mut Page) -> Result<(), o2okit::Error>,
}

/// Every section, in the order the demo prints them.
pub const SECTIONS: &[Section] = &[
    money::SECTION,
    mismatch::SECTION,
    rounding::SECTION,
    cash::SECTION,
    split::SECTION,
    thirds::SECTION,
    not_monotone::SECTION,
    caps::SECTION,
    staff_pool::SECTION,
    stacked_coupons::SECTION,
    team_buy::SECTION,
    ladder::SECTION,
    flow_splits::SECTION,
    store_assignment::SECTION,
    stored_value_card::SECTION,
    voucher_order::SECTION,
    qr_sale::SECTION,
    showroom_sale::SECTION,
    wechat_dine_in::SECTION,
];

/// The section names, for argument validation.
pub fn names() -> Vec<&'static str> {
    SECTIONS.iter().map(|s| s.name).collect()
}

/// The text being written, one line at a time.
#[derive(Debug, Default)]
pub struct Page {
    text: String,
}

impl Page {
    /// A heading: the title underlined.
    pub fn heading(&mut self, title: &str) {
        self.line(title);
        self.line("-".repeat(title.chars().count()));
    }

    /// One line of text.
    pub fn line(&mut self, text: impl AsRef<str>) {
        self.text.push_str(text.as_ref().trim_end());
        self.text.push('\n');
    }

    /// An empty line.
    pub fn blank(&mut self) {
        self.text.push('\n');
    }

    /// Several lines at once (such as a rendered table), each already ending in a newline.
    pub fn block(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// The error as the CLI prints it: `error[CODE]: message`.
    pub fn error(&mut self, indent: &str, error: &o2okit::Error) {
        self.line(format!("{indent}error[{}]: {error}", error.code()));
    }

    /// The finished text.
    pub fn finish(self) -> String {
        self.text
    }
}

/// `|a - b|` for display ("off by 0.0025"); `?` if it does not fit.
pub fn distance(a: o2okit::Decimal, b: o2okit::Decimal) -> String {
    a.checked_sub(b)
        .map_or_else(|| "?".to_string(), |d| d.abs().normalize().to_string())
}
