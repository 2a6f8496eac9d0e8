//! Fitting labels into the room a chart has for them.

/// An estimate of the width of `chars` characters of text at `font_px` (about 0.55 em each),
/// for reserving label space before plotters lays out the axes.
pub fn label_width(chars: usize, font_px: f64) -> u32 {
    (chars as f64 * font_px * 0.55).ceil() as u32
}

/// How many characters of a label fit in `pixels` at `font_px` (at least 8, at most `most`).
pub fn fitting_chars(pixels: u32, font_px: f64, most: usize) -> usize {
    ((f64::from(pixels) / (font_px * 0.55)) as usize)
        .saturating_sub(3)
        .clamp(8, most)
}

/// Shortens a label to `max_chars` characters, ending it with "…" when cut.
pub fn truncate_label(label: &str, max_chars: usize) -> String {
    if label.chars().count() <= max_chars {
        label.to_owned()
    } else {
        let kept: String = label.chars().take(max_chars.saturating_sub(1)).collect();
        format!("{}…", kept.trim_end())
    }
}

/// An axis label for a count: whole numbers only ("1,500"), nothing between them.
pub fn whole_number(x: &f64) -> String {
    if x.fract() == 0.0 {
        crate::format::count(*x as u64)
    } else {
        String::new()
    }
}

/// "1 line", "1,278 lines".
pub fn lines_text(lines: usize) -> String {
    crate::format::counted(lines as u64, "line", "lines")
}

/// A row's label as drawn: one line, or two when the name is long.
pub type RowLabel = Vec<String>;

/// A label in lines of at most `chars` characters: whole when it fits, else wrapped at a space
/// onto two lines, and shortened with "…" only when two lines are not enough.
pub fn wrap_label(label: &str, chars: usize) -> RowLabel {
    if label.chars().count() <= chars {
        return vec![label.to_owned()];
    }
    let words: Vec<&str> = label.split_whitespace().collect();
    let mut first = String::new();
    let mut taken = 0;
    for word in &words {
        let length = first.chars().count() + usize::from(!first.is_empty()) + word.chars().count();
        if length > chars {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(word);
        taken += 1;
    }
    if taken == 0 {
        // One word longer than a line: cut it, and go on on the second line.
        let first: String = label.chars().take(chars).collect();
        let rest: String = label.chars().skip(chars).collect();
        return vec![first, truncate_label(rest.trim_start(), chars)];
    }
    vec![first, truncate_label(&words[taken..].join(" "), chars)]
}

/// The longest line of a label, in characters.
pub fn widest_line(label: &RowLabel) -> usize {
    label.iter().map(|l| l.chars().count()).max().unwrap_or(0)
}

/// The rows' labels as drawn beside the bars, wrapped (then cut) to fit two fifths of a chart
/// `width` pixels wide (and at most `most` characters a line), and the room they take (with
/// `extra` pixels more, for swatches), also at most two fifths of the width.
pub fn row_labels<'a>(
    labels: impl Iterator<Item = &'a str>,
    width: u32,
    most: usize,
    extra: u32,
    style: &super::ChartStyle,
) -> (Vec<RowLabel>, u32) {
    let font = style.font(12.0);
    let chars = fitting_chars(width * 2 / 5, font, most);
    let names: Vec<RowLabel> = labels.map(|label| wrap_label(label, chars)).collect();
    let longest = names.iter().map(widest_line).max().unwrap_or(0);
    let room = (label_width(longest, font) + style.px(12.0) + extra).min(width * 2 / 5);
    (names, room)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_onto_two_lines_before_they_are_shortened() {
        assert_eq!(wrap_label("Home Office", 20), ["Home Office"]);
        assert_eq!(
            wrap_label("Department for Business Innovation and Skills", 28),
            ["Department for Business", "Innovation and Skills"]
        );
        assert_eq!(
            wrap_label("Children, families and health visiting services", 20),
            ["Children, families", "and health visiting…"]
        );
        assert_eq!(
            wrap_label("Supercalifragilisticexpialidocious grant", 10),
            ["Supercalif", "ragilisti…"]
        );
    }
}
