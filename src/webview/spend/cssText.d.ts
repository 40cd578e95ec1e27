// Style sheets imported by the webview bundle arrive as text (esbuild's `text` loader) and are
// adopted as constructable style sheets: the CSP allows those, and no <style> element is needed.
declare module '*.css' {
  const text: string;
  export default text;
}
