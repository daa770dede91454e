"""A Pipeline's fitMultiple that trains a sparkprop stage's param maps together.

PySpark's CrossValidator and TrainValidationSplit call ``estimator.fitMultiple(dataset, paramMaps)``; for a
Pipeline, PySpark fits the whole pipeline once per map. When every map tunes only a sparkprop stage (and stages
after it), the stages before it come out the same for every map: this fits them once, the sparkprop stage's maps
together (its fitMultiple: one cached data set, one Spark job an iteration for all the maps), and what follows per
map, so each model is the PipelineModel ``pipeline.fit(dataset, paramMap)`` gives. Any other pipeline, and any
pipeline through Spark Connect, is fitted as PySpark fits it.
"""

from typing import Any, Callable, Dict, Iterator, Optional, Sequence, Tuple

from pyspark.ml import Pipeline
from pyspark.ml.base import _FitMultipleIterator
from pyspark.ml.param import Param
from pyspark.sql import DataFrame
from pyspark.sql.utils import is_remote

_pyspark_fit_multiple: Optional[Callable[..., Iterator[Tuple[int, Any]]]] = None


def _first_tuned_stage(stages: Sequence[Any], param_maps: Sequence[Dict[Param, Any]]) -> Optional[int]:
    """The index of the first stage a param of any map belongs to, or None."""
    tuned = {param.parent for param_map in param_maps for param in param_map}
    return next((index for index, stage in enumerate(stages) if stage.uid in tuned), None)


def _fit_multiple(pipeline: Pipeline, dataset: DataFrame,
                  param_maps: Sequence[Dict[Param, Any]]) -> Iterator[Tuple[int, Any]]:
    from sparkprop.ml import SparkPropClassifier, SparkPropRegressor

    assert _pyspark_fit_multiple is not None
    stages = pipeline.getStages()
    tuned = _first_tuned_stage(stages, param_maps)
    if is_remote() or tuned is None or not isinstance(stages[tuned], (SparkPropClassifier, SparkPropRegressor)):
        return _pyspark_fit_multiple(pipeline, dataset, param_maps)
    before = Pipeline(stages=stages[:tuned]).fit(dataset)
    fitted = dict(stages[tuned].fitMultiple(before.transform(dataset), param_maps))
    # every stage up to the tuned one is fitted now: Pipeline.fit only joins them and fits what follows
    models = [Pipeline(stages=before.stages + [fitted[index]] + stages[tuned + 1:]).fit(dataset, param_map)
              for index, param_map in enumerate(param_maps)]
    return _FitMultipleIterator(lambda index: models[index], len(models))


def install() -> None:
    """Makes Pipeline.fitMultiple this module's (once)."""
    global _pyspark_fit_multiple
    if _pyspark_fit_multiple is None:
        _pyspark_fit_multiple = Pipeline.fitMultiple
        Pipeline.fitMultiple = _fit_multiple  # type: ignore[method-assign]
