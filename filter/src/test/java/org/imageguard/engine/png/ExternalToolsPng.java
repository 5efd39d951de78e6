package org.imageguard.engine.png;

import java.util.List;

import org.imageguard.testing.ExternalTool;

/** PNG variants made by an independent encoder. */
final class ExternalToolsPng {

    private ExternalToolsPng() {
    }

    /** The same image Adam7-interlaced by ImageMagick. */
    static byte[] interlace(byte[] png) {
        return ExternalTool.runOk(List.of(ExternalTool.require("convert").toString(), "png:-", "-interlace", "PNG",
                "png:-"), png);
    }
}
