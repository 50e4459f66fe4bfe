//! Clipping geometry to the map frame, in page units (px): Sutherland–Hodgman for polygon rings,
//! Liang–Barsky for line segments; and a light thinning of vertices closer than a fraction of a
//! pixel, so the SVG carries no detail nobody can see.

/// An axis-aligned rectangle, x to the right, y down.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn new(x0: f64, y0: f64, x1: f64, y1: f64) -> Rect {
        Rect {
            x0: x0.min(x1),
            y0: y0.min(y1),
            x1: x0.max(x1),
            y1: y0.max(y1),
        }
    }
    /// A rectangle from its top-left corner and size.
    pub fn xywh(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect::new(x, y, x + w, y + h)
    }
    pub fn w(&self) -> f64 {
        self.x1 - self.x0
    }
    pub fn h(&self) -> f64 {
        self.y1 - self.y0
    }
    /// Whether the interiors overlap (touching edges do not count).
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
    pub fn contains_rect(&self, o: &Rect) -> bool {
        o.x0 >= self.x0 && o.x1 <= self.x1 && o.y0 >= self.y0 && o.y1 <= self.y1
    }
    pub fn contains(&self, p: (f64, f64)) -> bool {
        p.0 >= self.x0 && p.0 <= self.x1 && p.1 >= self.y0 && p.1 <= self.y1
    }
    pub fn grow(&self, d: f64) -> Rect {
        Rect::new(self.x0 - d, self.y0 - d, self.x1 + d, self.y1 + d)
    }
}

/// Clips a closed ring (first vertex not repeated) to a rectangle: Sutherland–Hodgman, one
/// edge at a time. A ring wholly outside gives an empty result.
pub fn clip_ring(ring: &[(f64, f64)], r: &Rect) -> Vec<(f64, f64)> {
    #[derive(Clone, Copy)]
    enum Edge {
        Left(f64),
        Right(f64),
        Top(f64),
        Bottom(f64),
    }
    fn inside(p: (f64, f64), e: Edge) -> bool {
        match e {
            Edge::Left(x) => p.0 >= x,
            Edge::Right(x) => p.0 <= x,
            Edge::Top(y) => p.1 >= y,
            Edge::Bottom(y) => p.1 <= y,
        }
    }
    fn cross(a: (f64, f64), b: (f64, f64), e: Edge) -> (f64, f64) {
        match e {
            Edge::Left(x) | Edge::Right(x) => {
                let t = (x - a.0) / (b.0 - a.0);
                (x, a.1 + t * (b.1 - a.1))
            }
            Edge::Top(y) | Edge::Bottom(y) => {
                let t = (y - a.1) / (b.1 - a.1);
                (a.0 + t * (b.0 - a.0), y)
            }
        }
    }
    let mut out: Vec<(f64, f64)> = ring.to_vec();
    for e in [
        Edge::Left(r.x0),
        Edge::Right(r.x1),
        Edge::Top(r.y0),
        Edge::Bottom(r.y1),
    ] {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let mut prev = input[input.len() - 1];
        for &cur in &input {
            match (inside(cur, e), inside(prev, e)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cross(prev, cur, e));
                    out.push(cur);
                }
                (false, true) => out.push(cross(prev, cur, e)),
                (false, false) => {}
            }
            prev = cur;
        }
    }
    if out.len() < 3 {
        out.clear();
    }
    out
}

/// Clips one segment to a rectangle (Liang–Barsky); `None` when it misses the rectangle.
pub fn clip_segment(a: (f64, f64), b: (f64, f64), r: &Rect) -> Option<((f64, f64), (f64, f64))> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((
        (a.0 + t0 * dx, a.1 + t0 * dy),
        (a.0 + t1 * dx, a.1 + t1 * dy),
    ))
}

/// Clips a polyline to a rectangle: the pieces inside, each a polyline of two or more points.
pub fn clip_line(line: &[(f64, f64)], r: &Rect) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    for w in line.windows(2) {
        match clip_segment(w[0], w[1], r) {
            Some((p, q)) => {
                if cur
                    .last()
                    .is_some_and(|l| (l.0 - p.0).abs() < 1e-9 && (l.1 - p.1).abs() < 1e-9)
                {
                    cur.push(q);
                } else {
                    if cur.len() >= 2 {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur = vec![p, q];
                }
                // the segment left the rectangle: the piece ends here
                if q != w[1] {
                    if cur.len() >= 2 {
                        out.push(std::mem::take(&mut cur));
                    }
                    cur.clear();
                }
            }
            None => {
                if cur.len() >= 2 {
                    out.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
        }
    }
    if cur.len() >= 2 {
        out.push(cur);
    }
    out
}

/// Drops vertices closer than `tol` to the last kept one (the last vertex is always kept).
pub fn thin(pts: &[(f64, f64)], tol: f64) -> Vec<(f64, f64)> {
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(pts.len());
    for (i, &p) in pts.iter().enumerate() {
        let last = i + 1 == pts.len();
        match out.last() {
            Some(&q) if !last && (p.0 - q.0).hypot(p.1 - q.1) < tol => {}
            _ => out.push(p),
        }
    }
    out
}

/// The bounding box of points, if any.
pub fn bounds(pts: impl IntoIterator<Item = (f64, f64)>) -> Option<Rect> {
    let mut r: Option<Rect> = None;
    for (x, y) in pts {
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        r = Some(match r {
            None => Rect::new(x, y, x, y),
            Some(b) => Rect::new(b.x0.min(x), b.y0.min(y), b.x1.max(x), b.y1.max(y)),
        });
    }
    r
}
