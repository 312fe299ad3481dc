//! Map labels placed without overlap, in pixels.
//!
//! Each label belongs to a marker. Candidate boxes are tried in a fixed
//! order — right of the marker, left, above, below, then the same four
//! positions further out on rings of growing radius — and the first box
//! that stays inside the plot and overlaps no placed label and no marker
//! wins. A label set away from its marker (beyond the first ring) gets a
//! leader line from the marker to the box. Greedy in the given order, so
//! the layout is deterministic; labels that cannot be placed anywhere are
//! dropped rather than overprinted, and the caller says how many.

/// A label to place: its anchor (the marker centre), the marker's half
/// size and the text's measured size, all in pixels.
#[derive(Clone, Debug)]
pub struct Wanted {
    pub anchor: (i32, i32),
    pub marker: i32,
    pub size: (i32, i32),
}

/// Where a label went: its box `[x0, y0, x1, y1]` (pixels, y down) and a
/// leader line from the marker when the box is away from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Placement {
    pub rect: [i32; 4],
    pub leader: Option<((i32, i32), (i32, i32))>,
}

fn overlaps(a: &[i32; 4], b: &[i32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

/// Place `wanted` in `bounds` (`[x0, y0, x1, y1]`); `None` for a label
/// that found no free box. Every marker is an obstacle for every label.
pub fn place(wanted: &[Wanted], bounds: [i32; 4]) -> Vec<Option<Placement>> {
    const PAD: i32 = 4;
    let markers: Vec<[i32; 4]> = wanted
        .iter()
        .map(|w| {
            let m = w.marker;
            [w.anchor.0 - m, w.anchor.1 - m, w.anchor.0 + m, w.anchor.1 + m]
        })
        .collect();
    let mut taken: Vec<[i32; 4]> = Vec::new();
    let mut out = Vec::with_capacity(wanted.len());
    for w in wanted {
        let (bw, bh) = (w.size.0 + 2 * PAD, w.size.1 + 2 * PAD);
        let (ax, ay) = w.anchor;
        let mut found = None;
        'rings: for ring in 0..12 {
            let gap = w.marker + 4 + ring * (bh + 6);
            let candidates = [
                (ax + gap, ay - bh / 2),
                (ax - gap - bw, ay - bh / 2),
                (ax - bw / 2, ay - gap - bh),
                (ax - bw / 2, ay + gap),
                (ax + gap, ay - gap - bh),
                (ax - gap - bw, ay - gap - bh),
                (ax + gap, ay + gap),
                (ax - gap - bw, ay + gap),
            ];
            for (x0, y0) in candidates {
                let r = [x0, y0, x0 + bw, y0 + bh];
                let inside = r[0] >= bounds[0] && r[1] >= bounds[1] && r[2] <= bounds[2] && r[3] <= bounds[3];
                if inside && !taken.iter().chain(&markers).any(|o| overlaps(&r, o)) {
                    // From the marker to the nearest point of the box.
                    let leader = (ring > 0).then(|| ((ax, ay), (ax.clamp(r[0], r[2]), ay.clamp(r[1], r[3]))));
                    found = Some(Placement { rect: r, leader });
                    break 'rings;
                }
            }
        }
        if let Some(p) = &found {
            taken.push(p.rect);
        }
        out.push(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_labels_never_overlap_and_far_ones_get_leaders() {
        // Twelve markers on one spot (a bridge with everyone at it).
        let wanted: Vec<Wanted> = (0..12)
            .map(|i| Wanted {
                anchor: (500 + i, 400),
                marker: 12,
                size: (180, 24),
            })
            .collect();
        let placed = place(&wanted, [0, 0, 1200, 900]);
        let boxes: Vec<[i32; 4]> = placed.iter().map(|p| p.as_ref().expect("room enough").rect).collect();
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!overlaps(a, b), "{a:?} overlaps {b:?}");
            }
        }
        assert!(placed[0].as_ref().unwrap().leader.is_none(), "the first label sits by its marker");
        assert!(
            placed.iter().flatten().any(|p| p.leader.is_some()),
            "crowded labels get leader lines"
        );
    }

    #[test]
    fn labels_stay_inside_the_plot() {
        let w = Wanted {
            anchor: (1190, 10),
            marker: 10,
            size: (200, 24),
        };
        let p = place(&[w], [0, 0, 1200, 900])[0].clone().unwrap();
        assert!(p.rect[0] >= 0 && p.rect[2] <= 1200 && p.rect[1] >= 0);
    }
}
