package contrastlab.plugins.method.selfcon;

/** The {@code selfcon-mu} method; see {@link Variant#SELFCON_MU}. */
public final class SelfConMuPlugin extends ConMethodPlugin {

    public SelfConMuPlugin() {
        super(Variant.SELFCON_MU);
    }
}
