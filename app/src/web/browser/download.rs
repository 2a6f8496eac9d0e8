//! Offering files to the person: downloads, and canvases to draw exports on.

use wasm_bindgen::JsCast;

use super::window;

/// Offers `contents` to the person as a downloaded file.
pub fn download(name: &str, mime: &str, contents: &[u8]) -> Result<(), String> {
    let failed = |_| "the browser could not make the download".to_owned();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(contents));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    download_url(name, &url)?;
    web_sys::Url::revoke_object_url(&url).map_err(failed)
}

/// Offers what `url` points at (an object or data URL) as a downloaded file called `name`.
pub fn download_url(name: &str, url: &str) -> Result<(), String> {
    let document = window()?.document().ok_or("there is no document")?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into().ok())
        .ok_or_else(|| "the browser could not make the download".to_owned())?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// A canvas that is not on the page, `width` × `height` device pixels, for drawing exports.
pub fn offscreen_canvas(width: u32, height: u32) -> Result<web_sys::HtmlCanvasElement, String> {
    let document = window()?.document().ok_or("there is no document")?;
    let canvas: web_sys::HtmlCanvasElement = document
        .create_element("canvas")
        .ok()
        .and_then(|element| element.dyn_into().ok())
        .ok_or_else(|| "the browser could not make a canvas".to_owned())?;
    canvas.set_width(width);
    canvas.set_height(height);
    Ok(canvas)
}
