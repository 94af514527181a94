package contrastlab.plugins.dataset.mnist;

import contrastlab.plugins.dataset.support.DownloadSettings;
import java.util.Map;

/**
 * Parameters of the {@code fashion-mnist} dataset.
 *
 * @param root the folder holding the four idx files ({@code ~} expanded); also searched:
 *     {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist})
 * @param download fetch missing files from {@code url} into {@code root}
 * @param url the base URL the four {@code .gz} files are fetched from
 * @param checksums expected MD5 (32 hex digits) or SHA-256 (64) per file name; missing entries use the
 *     official MD5s
 */
public record FashionMnistParameters(String root, boolean download, String url, Map<String, String> checksums)
        implements DownloadSettings {}
