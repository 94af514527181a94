package contrastlab.plugins.method.selfcon;

/** The {@code selfcon-su} method; see {@link Variant#SELFCON_SU}. */
public final class SelfConSuPlugin extends ConMethodPlugin {

    public SelfConSuPlugin() {
        super(Variant.SELFCON_SU);
    }
}
