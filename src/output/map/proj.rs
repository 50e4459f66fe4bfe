//! Transverse Mercator on the WGS 84 ellipsoid, after Krüger's series as given by Karney (2011,
//! "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85), to sixth order in
//! the third flattening: accurate to well under a millimetre within a few thousand km of the
//! central meridian, which is all a briefing map needs.
//!
//! Coordinates in are (longitude, latitude) in degrees; out are (easting, northing) in metres,
//! with the origin at (`lon0`, `lat0`) and scale factor `k0` on the central meridian.

const A: f64 = 6_378_137.0;
const F: f64 = 1.0 / 298.257_223_563;

/// A transverse Mercator projection centred on one meridian.
#[derive(Debug, Clone)]
pub struct TransverseMercator {
    pub lon0: f64,
    pub lat0: f64,
    pub k0: f64,
    e: f64,
    a_rect: f64,
    alpha: [f64; 6],
    beta: [f64; 6],
    y0: f64,
}

impl TransverseMercator {
    /// A projection with true scale (k0 = 1) on the meridian `lon0`, northing 0 at `lat0`.
    pub fn new(lon0: f64, lat0: f64) -> Self {
        let n = F / (2.0 - F);
        let (n2, n3) = (n * n, n * n * n);
        let (n4, n5, n6) = (n2 * n2, n2 * n3, n3 * n3);
        let a_rect = A / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0 + n6 / 256.0);
        let alpha = [
            n / 2.0 - 2.0 / 3.0 * n2 + 5.0 / 16.0 * n3 + 41.0 / 180.0 * n4 - 127.0 / 288.0 * n5
                + 7891.0 / 37800.0 * n6,
            13.0 / 48.0 * n2 - 3.0 / 5.0 * n3 + 557.0 / 1440.0 * n4 + 281.0 / 630.0 * n5
                - 1983433.0 / 1935360.0 * n6,
            61.0 / 240.0 * n3 - 103.0 / 140.0 * n4
                + 15061.0 / 26880.0 * n5
                + 167603.0 / 181440.0 * n6,
            49561.0 / 161280.0 * n4 - 179.0 / 168.0 * n5 + 6601661.0 / 7257600.0 * n6,
            34729.0 / 80640.0 * n5 - 3418889.0 / 1995840.0 * n6,
            212378941.0 / 319334400.0 * n6,
        ];
        let beta = [
            n / 2.0 - 2.0 / 3.0 * n2 + 37.0 / 96.0 * n3 - 1.0 / 360.0 * n4 - 81.0 / 512.0 * n5
                + 96199.0 / 604800.0 * n6,
            1.0 / 48.0 * n2 + 1.0 / 15.0 * n3 - 437.0 / 1440.0 * n4 + 46.0 / 105.0 * n5
                - 1118711.0 / 3870720.0 * n6,
            17.0 / 480.0 * n3 - 37.0 / 840.0 * n4 - 209.0 / 4480.0 * n5 + 5569.0 / 90720.0 * n6,
            4397.0 / 161280.0 * n4 - 11.0 / 504.0 * n5 - 830251.0 / 7257600.0 * n6,
            4583.0 / 161280.0 * n5 - 108847.0 / 3991680.0 * n6,
            20648693.0 / 638668800.0 * n6,
        ];
        let mut p = TransverseMercator {
            lon0,
            lat0,
            k0: 1.0,
            e: (F * (2.0 - F)).sqrt(),
            a_rect,
            alpha,
            beta,
            y0: 0.0,
        };
        p.y0 = p.raw_forward(lon0, lat0).1;
        p
    }

    fn raw_forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        // longitudes wrap to within 180 degrees of the central meridian
        let dl = (lon - self.lon0 + 540.0).rem_euclid(360.0) - 180.0;
        let (phi, lam) = (lat.to_radians(), dl.to_radians());
        let s = phi.sin();
        let t = (s.atanh() - self.e * (self.e * s).atanh()).sinh();
        let xi_p = t.atan2(lam.cos());
        let eta_p = (lam.sin() / (1.0 + t * t).sqrt()).atanh();
        let mut xi = xi_p;
        let mut eta = eta_p;
        for (j, a) in self.alpha.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi += a * (k * xi_p).sin() * (k * eta_p).cosh();
            eta += a * (k * xi_p).cos() * (k * eta_p).sinh();
        }
        (self.k0 * self.a_rect * eta, self.k0 * self.a_rect * xi)
    }

    /// (lon, lat) in degrees to (x, y) in metres. Points 90 degrees or more from the central
    /// meridian have no image: the result is then not finite.
    pub fn forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        let (x, y) = self.raw_forward(lon, lat);
        (x, y - self.y0)
    }

    /// (x, y) in metres back to (lon, lat) in degrees.
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let xi = (y + self.y0) / (self.k0 * self.a_rect);
        let eta = x / (self.k0 * self.a_rect);
        let mut xi_p = xi;
        let mut eta_p = eta;
        for (j, b) in self.beta.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi_p -= b * (k * xi).sin() * (k * eta).cosh();
            eta_p -= b * (k * xi).cos() * (k * eta).sinh();
        }
        let tau_p = xi_p.sin() / (eta_p.sinh().powi(2) + xi_p.cos().powi(2)).sqrt();
        let lam = eta_p.sinh().atan2(xi_p.cos());
        // from the conformal latitude to the geodetic one, by fixed-point iteration
        let chi = tau_p.atan();
        let mut phi = chi;
        for _ in 0..30 {
            let es = self.e * phi.sin();
            let next = 2.0
                * ((std::f64::consts::FRAC_PI_4 + chi / 2.0).tan()
                    * ((1.0 + es) / (1.0 - es)).powf(self.e / 2.0))
                .atan()
                - std::f64::consts::FRAC_PI_2;
            if (next - phi).abs() < 1e-14 {
                phi = next;
                break;
            }
            phi = next;
        }
        (self.lon0 + lam.to_degrees(), phi.to_degrees())
    }

    /// The angle, in degrees clockwise, from grid north to true north at (lon, lat).
    pub fn convergence(&self, lon: f64, lat: f64) -> f64 {
        let (x0, y0) = self.forward(lon, lat);
        let (x1, y1) = self.forward(lon, (lat + 0.01).min(89.99));
        (x1 - x0).atan2(y1 - y0).to_degrees()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_within_a_micro_degree() {
        let p = TransverseMercator::new(40.6, 35.2);
        for &(lon, lat) in &[
            (40.6, 35.2),
            (38.8, 33.4),
            (42.36, 37.11),
            (27.55, 53.9),
            (51.4, 35.7),
        ] {
            let (x, y) = p.forward(lon, lat);
            let (l2, p2) = p.inverse(x, y);
            assert!(
                (l2 - lon).abs() < 1e-9 && (p2 - lat).abs() < 1e-9,
                "{lon},{lat}"
            );
        }
        assert_eq!(p.forward(40.6, 35.2), (0.0, 0.0));
    }

    #[test]
    fn true_scale_on_the_central_meridian() {
        // one degree of latitude at 35 N is 110.96 km on WGS 84
        let p = TransverseMercator::new(40.0, 35.0);
        let (_, y0) = p.forward(40.0, 34.5);
        let (_, y1) = p.forward(40.0, 35.5);
        assert!(((y1 - y0) / 1000.0 - 110.96).abs() < 0.02, "{}", y1 - y0);
    }
}
