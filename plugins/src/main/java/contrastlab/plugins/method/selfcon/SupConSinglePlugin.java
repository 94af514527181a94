package contrastlab.plugins.method.selfcon;

/** The {@code supcon-s} method; see {@link Variant#SUPCON_S}. */
public final class SupConSinglePlugin extends ConMethodPlugin {

    public SupConSinglePlugin() {
        super(Variant.SUPCON_S);
    }
}
