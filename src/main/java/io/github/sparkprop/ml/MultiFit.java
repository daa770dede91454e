package io.github.sparkprop.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.sql.Dataset;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One model per param map, trained together where sparkprop can: a sparkprop estimator's maps in one pass (its
 * multi-map {@code fit}); a Pipeline whose maps tune only a sparkprop stage and the stages after it fits the
 * stages before that once, the sparkprop stage's maps in one pass on their output, and the rest per map, so
 * each model is the PipelineModel that {@code pipeline.fit(dataset, map)} gives. Any other estimator is fitted
 * map by map, as Spark does.
 */
final class MultiFit {

    private MultiFit() {
    }

    /**
     * @return the models, in the order of the maps
     */
    static List<Model<?>> fit(Estimator<?> estimator, Dataset<?> dataset, ParamMap[] maps) {
        if (estimator instanceof Pipeline pipeline) {
            int tuned = firstTunedStage(pipeline.getStages(), maps);
            if (tuned >= 0 && pipeline.getStages()[tuned] instanceof SparkPropParams<?>) {
                return throughPipeline(pipeline, tuned, dataset, maps);
            }
        }
        return new ArrayList<>(CollectionConverters.asJava(
                estimator.fit(dataset, CollectionConverters.asScala(Arrays.asList(maps)).toList())));
    }

    /** The first stage that a param of any map belongs to, or -1 (none, or a nested pipeline's stage). */
    private static int firstTunedStage(PipelineStage[] stages, ParamMap[] maps) {
        for (int s = 0; s < stages.length; s++) {
            String uid = stages[s].uid();
            for (ParamMap map : maps) {
                for (ParamPair<?> pair : CollectionConverters.asJava(map.toSeq())) {
                    if (pair.param().parent().equals(uid)) {
                        return s;
                    }
                }
            }
        }
        return -1;
    }

    private static List<Model<?>> throughPipeline(Pipeline pipeline, int tuned, Dataset<?> dataset, ParamMap[] maps) {
        PipelineStage[] stages = pipeline.getStages();
        PipelineModel before = new Pipeline().setStages(Arrays.copyOf(stages, tuned)).fit(dataset);
        List<Model<?>> fitted = fit((Estimator<?>) stages[tuned], before.transform(dataset), maps);
        List<Model<?>> models = new ArrayList<>();
        for (int k = 0; k < maps.length; k++) {
            // every stage up to the tuned one is fitted now: Pipeline.fit only joins them and fits what follows
            PipelineStage[] joined = Stream.of(Arrays.stream(before.stages()), Stream.of(fitted.get(k)),
                    Arrays.stream(stages, tuned + 1, stages.length)).flatMap(s -> s).toArray(PipelineStage[]::new);
            models.add(new Pipeline(pipeline.uid()).setStages(joined).fit(dataset, maps[k]));
        }
        return models;
    }
}
