package contrastlab.plugins.backbone.resnet;

import contrastlab.api.backbone.Backbone;
import contrastlab.api.backbone.BackbonePlugin;
import contrastlab.api.dataset.ImageShape;
import java.util.List;

/**
 * The {@code resnet} backbone: ResNet-18/34/50 with a CIFAR or ImageNet stem, features after global
 * average pooling.
 */
public final class ResNetPlugin implements BackbonePlugin<ResNetParameters> {

    @Override
    public String name() {
        return "resnet";
    }

    @Override
    public Class<ResNetParameters> parametersType() {
        return ResNetParameters.class;
    }

    @Override
    public ResNetParameters defaults() {
        return new ResNetParameters(18, ResNetParameters.CIFAR, 64, true, 1, List.of(false, false, false), ResNetParameters.FC);
    }

    @Override
    public String description() {
        return "ResNet-18/34/50 encoder (cifar or imagenet stem), global-average-pooled features, optional SelfCon exits";
    }

    @Override
    public Backbone create(ResNetParameters parameters, ImageShape input) {
        ResNet net = new ResNet(parameters);
        return new Backbone(net, net.featureDim(), net.exitDims());
    }
}
