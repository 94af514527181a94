package contrastlab.plugins.stage.autoencoder;

import contrastlab.api.stage.Stage;
import contrastlab.api.stage.StageContext;
import contrastlab.api.stage.StagePlugin;

/** The {@code autoencoder} stage: G-SimCLR's denoising autoencoder and its 'retrieval' features. */
public final class AutoencoderPlugin implements StagePlugin<AutoencoderParameters> {

    @Override
    public String name() {
        return "autoencoder";
    }

    @Override
    public Class<AutoencoderParameters> parametersType() {
        return AutoencoderParameters.class;
    }

    @Override
    public AutoencoderParameters defaults() {
        return AutoencoderParameters.reference();
    }

    @Override
    public String description() {
        return "G-SimCLR's denoising autoencoder (noise, MSE, Adam, early stopping on held-out train images);"
                + " writes features.bin (128-d GAP of 'retrieval') for the train split";
    }

    @Override
    public Stage create(AutoencoderParameters parameters, StageContext context) {
        return new AutoencoderStage(parameters, context);
    }
}
