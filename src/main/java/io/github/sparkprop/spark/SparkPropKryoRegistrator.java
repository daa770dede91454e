package io.github.sparkprop.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import io.github.sparkprop.data.DataSummary;
import io.github.sparkprop.data.Sample;
import io.github.sparkprop.data.SampleBlock;
import io.github.sparkprop.evaluate.ScoreSum;
import io.github.sparkprop.train.GradientSum;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes sparkprop sends between JVMs or caches, so that Kryo writes a small id instead of
 * a class name, and {@code spark.kryo.registrationRequired=true} works.
 */
public final class SparkPropKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(double[].class);
        kryo.register(long[].class);
        kryo.register(SampleBlock.class);
        kryo.register(Sample.class);
        kryo.register(GradientSum.class);
        kryo.register(ScoreSum.class);
        // once per input: its maps and MLlib's summarizer go through Java serialization
        kryo.register(DataSummary.class, new JavaSerializer());
    }
}
