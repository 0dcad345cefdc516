/** Hyperboard's theme. The stylesheet (assets/css/app.css) loads this file and
 * scans only the templ components, so the built CSS holds just what they use. */
module.exports = {
  content: ["./views/**/*.templ"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#eef5ff",
          100: "#d9e8ff",
          200: "#bcd7ff",
          300: "#8ebdff",
          400: "#5998ff",
          500: "#3372fa",
          600: "#1d54ef",
          700: "#1640d6",
          800: "#1936ad",
          900: "#1a3388",
          950: "#152153",
        },
      },
      fontFamily: {
        sans: ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
      },
    },
  },
};
