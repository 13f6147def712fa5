package dev.adjoint.it.zoo;

import dev.adjoint.Differentiable;

/** Physics, chemistry, biology and geodesy formulas. */
final class Science {
  static final double GAS_CONSTANT = 8.314462618; // J / (mol K)
  static final double EARTH_RADIUS_KM = 6371.0;
  // Van der Waals constants of CO2: a in L² bar / mol², b in L / mol; R in L bar / (mol K).
  static final double VDW_A = 3.640;
  static final double VDW_B = 0.04267;
  static final double R_LITRE_BAR = 0.08314462618;

  private Science() {}

  /** Horizontal range of a projectile launched from height h at speed v and angle (radians). */
  @Differentiable
  static double projectileRange(double v, double angle, double g, double h) {
    double vx = v * Math.cos(angle);
    double vy = v * Math.sin(angle);
    double flightTime = (vy + Math.sqrt(vy * vy + 2 * g * h)) / g;
    return vx * flightTime;
  }

  /** Arrhenius rate constant k = A exp(-Ea / (R T)). */
  @Differentiable
  static double arrhenius(double prefactor, double activationEnergy, double temperature) {
    return prefactor * Math.exp(-activationEnergy / (GAS_CONSTANT * temperature));
  }

  @Differentiable
  static double michaelisMenten(double vmax, double km, double substrate) {
    return vmax * substrate / (km + substrate);
  }

  /** Logistic growth P(t) = K / (1 + ((K - P0) / P0) e^{-rt}). */
  @Differentiable
  static double logisticGrowth(double capacity, double p0, double rate, double t) {
    double ratio = (capacity - p0) / p0;
    return capacity / (1 + ratio * Math.exp(-rate * t));
  }

  /** Great-circle distance in km between two points given in degrees (haversine formula). */
  @Differentiable
  static double haversine(double lat1, double lon1, double lat2, double lon2) {
    double phi1 = Math.toRadians(lat1);
    double phi2 = Math.toRadians(lat2);
    double sinDPhi = Math.sin((phi2 - phi1) / 2);
    double sinDLambda = Math.sin(Math.toRadians(lon2 - lon1) / 2);
    double a = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda;
    return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
  }

  /** Van der Waals pressure (bar) of n mol in volume (L) at temperature (K). */
  @Differentiable
  static double vanDerWaalsPressure(double n, double volume, double temperature) {
    double attraction = VDW_A * n * n / (volume * volume);
    return n * R_LITRE_BAR * temperature / (volume - n * VDW_B) - attraction;
  }

  /** Damped harmonic oscillator x(t) = A e^{-γt} cos(ωt + φ). */
  @Differentiable
  static double dampedOscillator(
      double amplitude, double damping, double omega, double phase, double t) {
    return amplitude * Math.exp(-damping * t) * Math.cos(omega * t + phase);
  }

  /** Kepler's third law, in a nested class: companion {@code Science_OrbitsDerivatives}. */
  static final class Orbits {
    private Orbits() {}

    @Differentiable
    static double period(double semiMajorAxis, double mu) {
      return 2 * Math.PI * Math.sqrt(Math.pow(semiMajorAxis, 3) / mu);
    }
  }
}
