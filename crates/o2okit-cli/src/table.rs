//! Plain-text tables with left, right and decimal-point alignment.

/// How a column lines up its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Flush left (text).
    Left,
    /// Flush right (counts).
    Right,
    /// Decimal points one under the other (amounts, shares).
    Decimal,
}

/// A table: a header row and data rows, rendered with two spaces between columns.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<String>,
    aligns: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns.
    pub fn new(columns: &[(&str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|(h, _)| (*h).to_string()).collect(),
            aligns: columns.iter().map(|(_, a)| *a).collect(),
            rows: Vec::new(),
        }
    }

    /// Add a row (missing cells are blank, extra cells are ignored).
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Render, each line prefixed with `indent`, trailing spaces trimmed.
    pub fn render(&self, indent: &str) -> String {
        let columns: Vec<Vec<String>> = self
            .aligns
            .iter()
            .enumerate()
            .map(|(i, align)| {
                let cells: Vec<&str> = self
                    .rows
                    .iter()
                    .map(|row| row.get(i).map_or("", String::as_str))
                    .collect();
                let header = self.headers.get(i).map_or("", String::as_str);
                aligned_column(header, &cells, *align)
            })
            .collect();
        let lines = self.rows.len().saturating_add(1);
        let mut out = String::new();
        for line in 0..lines {
            let cells: Vec<&str> = columns
                .iter()
                .map(|c| c.get(line).map_or("", String::as_str))
                .collect();
            out.push_str(indent);
            out.push_str(cells.join("  ").trim_end());
            out.push('\n');
        }
        out
    }
}

/// The header and the cells of one column, all padded to the same width.
fn aligned_column(header: &str, cells: &[&str], align: Align) -> Vec<String> {
    let cells: Vec<String> = match align {
        Align::Decimal => {
            let int_width = cells.iter().map(|c| width(split(c).0)).max().unwrap_or(0);
            let frac_width = cells.iter().map(|c| width(split(c).1)).max().unwrap_or(0);
            cells
                .iter()
                .map(|c| {
                    let (int, frac) = split(c);
                    format!("{int:>int_width$}{frac:<frac_width$}")
                })
                .collect()
        }
        Align::Left | Align::Right => cells.iter().map(|c| (*c).to_string()).collect(),
    };
    let column_width = cells
        .iter()
        .map(|c| width(c))
        .chain(std::iter::once(width(header)))
        .max()
        .unwrap_or(0);
    std::iter::once(header.to_string())
        .chain(cells)
        .map(|cell| pad(&cell, column_width, align))
        .collect()
}

/// A number cut at its decimal point: ("74", ".9925"), ("5", "").
fn split(cell: &str) -> (&str, &str) {
    match cell.find('.') {
        Some(at) => cell.split_at(at),
        None => (cell, ""),
    }
}

fn pad(cell: &str, to: usize, align: Align) -> String {
    let fill = " ".repeat(to.saturating_sub(width(cell)));
    match align {
        Align::Left => format!("{cell}{fill}"),
        Align::Right | Align::Decimal => format!("{fill}{cell}"),
    }
}

/// Display width: one column per character (the CLI prints ASCII and simple CJK-free text).
fn width(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn aligns_decimal_points() {
        let mut t = Table::new(&[("name", Align::Left), ("share", Align::Decimal)]);
        t.row(vec!["a".into(), "74.9925".into()]);
        t.row(vec!["bb".into(), "5".into()]);
        t.row(vec!["c".into(), "100.5".into()]);
        assert_eq!(
            t.render(""),
            "name     share\na      74.9925\nbb      5\nc     100.5\n"
        );
    }
}
