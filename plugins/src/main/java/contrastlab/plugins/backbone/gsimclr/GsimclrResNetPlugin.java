package contrastlab.plugins.backbone.gsimclr;

import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.ImageShape;

/**
 * The {@code gsimclr-resnet} backbone: G-SimCLR's encoder, the bottleneck ResNet v1 of
 * keras-idiomatic-programmer's {@code resnet_cifar10.py} with {@code n = 4} (depth 38), headless,
 * globally average-pooled to 256 features.
 */
public final class GsimclrResNetPlugin implements BackbonePlugin<GsimclrResNetParameters> {

    @Override
    public String name() {
        return "gsimclr-resnet";
    }

    @Override
    public Class<GsimclrResNetParameters> parametersType() {
        return GsimclrResNetParameters.class;
    }

    @Override
    public GsimclrResNetParameters defaults() {
        return new GsimclrResNetParameters(3, 16);
    }

    @Override
    public String description() {
        return "G-SimCLR's depth-38 bottleneck ResNet v1 (keras-idiomatic-programmer resnet_cifar10 n=4), 256-d pooled features";
    }

    @Override
    public Backbone create(GsimclrResNetParameters parameters, ImageShape input) {
        return new Backbone(new GsimclrResNet(parameters), parameters.featureDim());
    }
}
