package contrastlab.plugins.backbone.scatnet;

import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.ImageShape;

/**
 * The {@code scatnet} backbone: kymatio's 2-D scattering (max order 2) of every colour channel,
 * optionally followed by a ScatSimCLR adapter (Kinakh et al. 2021).
 */
public final class ScatNetPlugin implements BackbonePlugin<ScatNetParameters> {

    @Override
    public String name() {
        return "scatnet";
    }

    @Override
    public Class<ScatNetParameters> parametersType() {
        return ScatNetParameters.class;
    }

    @Override
    public ScatNetParameters defaults() {
        return new ScatNetParameters(2, 16, Adapter.SCATSIMCLR30.key(), 1.0, ScatNetParameters.AUTO);
    }

    @Override
    public String description() {
        return "2-D Morlet scattering (kymatio, max order 2) per colour channel + ScatSimCLR adapter "
                + Adapter.keys() + "; adapter none = the flattened coefficients; implementation java (CPU FFT), "
                + "engine (matrix products on the input's device) or auto (engine on GPUs)";
    }

    @Override
    public Backbone create(ScatNetParameters parameters, ImageShape input) {
        ScatNet net = new ScatNet(parameters, input);
        return new Backbone(net, net.featureDim()).withInputTransform(net.inputTransform());
    }
}
