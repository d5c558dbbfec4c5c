"""Labels an acceptance tester read: no nested brackets in a template's name, «(КПК)» kept."""

from core.templatetags.ru import lower_first
from mentoring.models import MentoringForm
from programs.models.activity import ActivityKind


def test_a_label_in_the_middle_of_a_sentence_keeps_its_abbreviation():
    assert lower_first(ActivityKind.COURSE.label) == "курсы повышения квалификации (КПК)"
    assert lower_first("КПК") == "КПК"


def test_a_template_with_a_form_has_no_nested_brackets():
    from types import SimpleNamespace

    from programs.forms import ProgramCreateForm

    template = SimpleNamespace(
        title="Дистанционное наставничество",
        mentoring_form=MentoringForm.VIRTUAL,
        get_mentoring_form_display=lambda: MentoringForm.VIRTUAL.label,
    )
    label = ProgramCreateForm.template_label(template)
    assert label == "Дистанционное наставничество — форма: виртуальное (дистанционное)"
