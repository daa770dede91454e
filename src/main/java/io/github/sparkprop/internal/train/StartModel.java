package io.github.sparkprop.internal.train;

import io.github.sparkprop.SettingException;
import io.github.sparkprop.internal.model.Model;
import io.github.sparkprop.internal.optim.Setting;
import io.github.sparkprop.internal.optim.SettingValues;
import io.github.sparkprop.math.Network;
import java.util.Arrays;
import java.util.List;

/**
 * A saved model a run starts from (fine-tuning): its network, features, labels and scaler are kept, so settings
 * that contradict them are refused; settings that agree with it are fine.
 */
final class StartModel {

    private StartModel() {
    }

    /** Refuses the spec's settings that contradict the model, naming the setting and what the model has. */
    static void requireAgreement(TrainingSpec spec, Model init) {
        SettingValues settings = spec.settings();
        Network model = init.network();
        int[] hidden = Arrays.copyOfRange(model.layers(), 1, model.depth());
        if (settings.isSet(TrainingSettings.HIDDEN)
                && !Arrays.equals(settings.sizes(TrainingSettings.HIDDEN), hidden)) {
            throw conflict(spec, TrainingSettings.HIDDEN, Setting.format(settings.sizes(TrainingSettings.HIDDEN)),
                    "its hidden layers are " + (hidden.length == 0 ? "none" : Setting.format(hidden)));
        }
        String activation = settings.choice(TrainingSettings.ACTIVATION);
        for (int l = 1; l < model.depth(); l++) {
            if (settings.isSet(TrainingSettings.ACTIVATION) && !model.activation(l).id().equals(activation)) {
                throw conflict(spec, TrainingSettings.ACTIVATION, activation, "its hidden layers are "
                        + model.activation(l).id());
            }
        }
        if (TrainingSettings.loss(settings) != null && TrainingSettings.loss(settings) != model.loss()) {
            throw conflict(spec, TrainingSettings.LOSS, settings.choice(TrainingSettings.LOSS), "its loss is "
                    + model.loss().id());
        }
        boolean scaled = init.scaler() != null;
        if (settings.isSet(TrainingSettings.STANDARDIZE) && settings.flag(TrainingSettings.STANDARDIZE) != scaled) {
            throw conflict(spec, TrainingSettings.STANDARDIZE, String.valueOf(!scaled), "it "
                    + (scaled ? "standardises" : "does not standardise") + " its inputs");
        }
        requireSameData(spec, init);
    }

    /** The task and the feature columns must be the model's. */
    private static void requireSameData(TrainingSpec spec, Model init) {
        if (spec.task() != null && spec.task() != init.task()) {
            throw new SettingException("task", "{task} " + spec.task().id() + " conflicts with the model to start "
                    + "from ({initModel} " + spec.initModel() + "), a " + init.task().id() + " model");
        }
        List<String> features = spec.columns().features();
        if (features != null && !features.equals(init.inputColumns())) {
            throw new SettingException("features", "{features} " + String.join(",", features) + " conflicts with "
                    + "the model to start from ({initModel} " + spec.initModel() + "), which reads "
                    + (init.inputColumns() == null ? "the input's columns in order" : String.join(",",
                            init.inputColumns())));
        }
    }

    private static SettingException conflict(TrainingSpec spec, Setting setting, String value, String modelHas) {
        return new SettingException(setting.key(), "{" + setting.key() + "} " + value + " conflicts with the model "
                + "to start from ({initModel} " + spec.initModel() + "): " + modelHas);
    }
}
