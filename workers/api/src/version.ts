/** Release version reported by /health; bump with the package version. */
export const VERSION = "0.1.0";
